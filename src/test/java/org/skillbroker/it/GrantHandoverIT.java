package org.skillbroker.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.skillbroker.simulator.SimUser;
import org.skillbroker.simulator.WebexSimulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.skillbroker.it.ApiClient.change;
import static org.skillbroker.it.ApiClient.json;

/**
 * Who may hold the grant and what happens to one the broker lets go: the admin list, a reconnect by another
 * admin and a disconnect revoke the old grant at Webex, the session id changes at sign-in, and a token answer
 * without {@code scope} is never taken to hold {@code cjp:config_write}.
 */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class GrantHandoverIT {

    private static final String SCOPES = "cjp:config_read cjp:config_write spark:people_read "
            + "identity:tokens_read identity:tokens_write";

    @Deployment(testable = false)
    static WebArchive deployment() {
        WebexSimulator sim = BrokerEnvironment.simulator();
        SimUser second = sim.addAdministrator("second-admin", "bob.second@org-a.example", "Bob Second");
        sim.addAdministrator("unlisted-admin", "carol.unlisted@org-a.example", "Carol Unlisted");
        BrokerEnvironment.configure(Map.of("skillbroker.webex.scopes", SCOPES,
                "skillbroker.setup.admin-emails", sim.admin().email() + ", " + second.email()));
        return BrokerEnvironment.war();
    }

    private final WebexSimulator sim = BrokerEnvironment.simulator();
    private final ApiClient api = new ApiClient();

    @BeforeEach
    void noGrant() throws IOException {
        StoredState.clear();
        // the broker must see the grant gone before the next sign-in writes a new one: otherwise a new file with
        // the same generation can look like the old grant it still holds in memory
        Health.await(h -> !h.status().equals("UP"), java.time.Duration.ofSeconds(10),
                "the broker notices that the grant was deleted");
    }

    @AfterEach
    void defaults() {
        sim.tokenAnswersOmitScope(false);
        sim.withholdScopes(Set.of());
        sim.faults().clear();
    }

    private SimUser user(String key) {
        return sim.user(key).orElseThrow();
    }

    @Test
    void aReconnectByAnotherAdminRevokesTheOldGrantAtWebex() {
        AdminFlow ada = new AdminFlow(BrokerEnvironment.BASE);
        assertEquals(303, ada.connectAs("admin").status());
        List<String> adasGrants = sim.liveRefreshTokens(sim.admin());
        assertFalse(adasGrants.isEmpty());

        AdminFlow bob = new AdminFlow(BrokerEnvironment.BASE);
        assertEquals(303, bob.signInAs("second-admin").status());
        assertEquals(303, bob.connectAs("second-admin").status());

        for (String old : adasGrants) {
            assertFalse(sim.refreshTokenUsable(old, BrokerEnvironment.CLIENT_ID), "Ada's refresh token is dead");
        }
        assertEquals(List.of(), sim.liveRefreshTokens(sim.admin()));
        assertFalse(sim.liveRefreshTokens(user("second-admin")).isEmpty(), "Bob's grant is the one in use");
        String page = bob.setupPage().body();
        assertTrue(page.contains("id=\"revocation\"") && page.contains("revoked at Webex"), page);
        assertEquals(200, api.get("", sim.issueDesktopToken(sim.supervisor())).status(), "Bob's grant works");
    }

    @Test
    void disconnectRevokesTheGrantAndSaysWhenThatFailed() {
        AdminFlow ada = new AdminFlow(BrokerEnvironment.BASE);
        assertEquals(303, ada.connectAs("admin").status());
        List<String> grants = sim.liveRefreshTokens(sim.admin());

        sim.faults().on("DELETE", "/v1/authorizations/*", org.skillbroker.simulator.Fault.status(403), 1);
        String csrf = ada.setupPage().csrf();
        assertEquals(303, ada.browser.postForm(BrokerEnvironment.BASE + "/setup/disconnect",
                Map.of("csrf", csrf, "confirm", "yes")).status());
        String failed = ada.setupPage().body();
        assertTrue(failed.contains("The previous grant was not revoked at Webex"), failed);
        assertFalse(grants.stream().allMatch(t -> !sim.refreshTokenUsable(t, BrokerEnvironment.CLIENT_ID)));

        assertEquals(303, ada.connectAs("admin").status());
        List<String> second = sim.liveRefreshTokens(sim.admin());
        csrf = ada.setupPage().csrf();
        assertEquals(303, ada.browser.postForm(BrokerEnvironment.BASE + "/setup/disconnect",
                Map.of("csrf", csrf, "confirm", "yes")).status());
        for (String token : second) {
            assertFalse(sim.refreshTokenUsable(token, BrokerEnvironment.CLIENT_ID), "revoked at disconnect");
        }
        assertTrue(ada.setupPage().body().contains("revoked at Webex"));
    }

    @Test
    void onlyListedAdministratorsMaySignIn() {
        AdminFlow carol = new AdminFlow(BrokerEnvironment.BASE);
        WebClient.Reply refused = carol.connectAs("unlisted-admin");
        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.body().contains("skillbroker.setup.admin-emails"), refused.body());
        assertFalse(StoredState.hasGrant(), "nothing stored");
    }

    @Test
    void theSessionIdChangesAtSignIn() {
        AdminFlow ada = new AdminFlow(BrokerEnvironment.BASE);
        WebClient.Reply towardsWebex = ada.press("connect");
        String before = sessionCookie(towardsWebex);
        WebClient.Reply callback = ada.callback(ada.authorizeAtWebex(towardsWebex, "admin", true));
        assertEquals(303, callback.status(), callback.body());
        String after = sessionCookie(callback);
        assertNotEquals(before, after, "a session id planted before sign-in is worthless afterwards");
    }

    @Test
    void aTokenAnswerWithoutScopeIsUnknownAndARefusedWriteSaysReconnect() {
        sim.tokenAnswersOmitScope(true);
        sim.withholdScopes(Set.of("cjp:config_write"));
        AdminFlow ada = new AdminFlow(BrokerEnvironment.BASE);
        assertEquals(303, ada.connectAs("admin").status(), "connecting works: nothing says the scope is missing");
        assertTrue(ada.setupPage().body().contains("unknown: Webex did not say which scopes it granted"));

        String german = sim.seededSkills().get("German");
        String profile = sim.seededProfiles().germanSpeaker();
        // an earlier class may have left German at 9, and a change to the value in effect makes no PUT
        sim.setProficiency(profile, german, 3);
        WebClient.Reply write = api.patch(profile, sim.issueDesktopToken(sim.supervisor()), change(german, 9));
        assertEquals(502, write.status(), write.body());
        assertEquals("urn:skill-broker:problem:admin-grant-lacks-permission", json(write.body()).getString("type"));
        String page = ada.setupPage().body();
        assertTrue(page.contains("Contact Center refused a change made with the admin grant (403)"), page);
        assertTrue(page.contains("Reconnect"), page);
    }

    private static String sessionCookie(WebClient.Reply reply) {
        return reply.header("Set-Cookie").filter(c -> c.startsWith("SKILLBROKER_SESSION="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .orElseThrow(() -> new AssertionError("no session cookie in " + reply.headers()));
    }
}
