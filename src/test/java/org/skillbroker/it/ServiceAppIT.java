package org.skillbroker.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.skillbroker.simulator.Received;
import org.skillbroker.simulator.ServiceApps;
import org.skillbroker.simulator.WebexSimulator;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.skillbroker.it.ApiClient.change;
import static org.skillbroker.it.ApiClient.json;

/**
 * Service App mode: the administrator signs in once, the broker fetches the Service App's tokens with the
 * administrator's token and from then on keeps the app's grant alive with the app's own credentials. Contact
 * Center sees the app, not the person.
 */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class ServiceAppIT {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final WebexSimulator SIM = BrokerEnvironment.simulator();
    private static final ServiceApps.ServiceApp APP = BrokerEnvironment.serviceApp();
    private static final AdminFlow ADMIN = new AdminFlow(BrokerEnvironment.BASE);

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = new HashMap<>(BrokerEnvironment.serviceAppSettings());
        settings.put("skillbroker.refresh.at-share", "0.5");
        BrokerEnvironment.configure(settings);
        return BrokerEnvironment.war();
    }

    @AfterEach
    void authoriseAgain() {
        SIM.authorizeServiceApp(APP, true);
        SIM.setAccessTokenLifetime(Duration.ofSeconds(43199));
    }

    @AfterAll
    static void restore() {
        SIM.serviceAppTokensReportScope(false);
    }

    @Test
    void connectKeepsTheServiceAppsGrantAndContactCenterSeesTheApp() {
        SIM.resetCounters();
        SIM.setAccessTokenLifetime(Duration.ofSeconds(4));

        WebClient.Reply towardsWebex = ADMIN.press("connect");
        assertTrue(towardsWebex.location().contains("spark%3Aapplications_token"), towardsWebex.location());
        assertEquals(303, ADMIN.callback(ADMIN.authorizeAtWebex(towardsWebex, "admin", true)).status());

        List<Received> fetched = SIM.received().stream()
                .filter(r -> r.path().equals("/v1/applications/" + APP.applicationId() + "/token")).toList();
        assertEquals(1, fetched.size(), "the app's tokens fetched once");
        Health health = Health.read();
        assertEquals("service-app", health.data("admin-grant", "mode"));
        assertEquals("", health.data("admin-recheck", "nextCheckAt"), "no person to re-check");
        String page = ADMIN.setupPage().body();
        assertTrue(page.contains("Service App " + APP.applicationId()), page);

        Health.await(h -> refreshes().size() >= 1 && h.data("admin-grant", "lastRefresh").startsWith("refreshed"),
                DEADLINE, "a refresh with the Service App's credentials");
        assertTrue(refreshes().stream().allMatch(r -> r.body().contains("client_id=" + APP.clientId())),
                "refreshed as the Service App's client");

        String profile = SIM.seededProfiles().germanSpeaker();
        String german = SIM.seededSkills().get("German");
        SIM.resetCounters();
        WebClient.Reply write = new ApiClient().patch(profile, SIM.issueDesktopToken(SIM.supervisor()),
                change(german, 9));
        assertEquals(200, write.status(), write.body());
        Received put = SIM.received().stream().filter(r -> r.method().equals("PUT")).findFirst().orElseThrow();
        String bearer = put.headers().get("authorization").get(0).substring("Bearer ".length());
        assertEquals(APP.clientId(), SIM.clientOf(bearer).orElseThrow(), "Contact Center sees the Service App");
        assertEquals(9, json(new ApiClient().get("/" + profile, SIM.issueDesktopToken(SIM.supervisor())).body())
                .getJsonArray("activeSkills").getValuesAs(jakarta.json.JsonObject.class).stream()
                .filter(s -> s.getString("skillId").equals(german)).findFirst().orElseThrow().getInt("value"));
    }

    @Test
    void aServiceAppNotAuthorisedInControlHubIsRefusedWithAClearProblem() {
        SIM.authorizeServiceApp(APP, false);
        AdminFlow fresh = new AdminFlow(BrokerEnvironment.BASE); // a fresh browser: not signed in
        boolean connected = fresh.setupPage().body().contains("id=\"sign-in\"");

        WebClient.Reply towardsWebex = connected ? fresh.press("sign-in") : fresh.press("connect");
        if (connected) {
            // already connected by the other test: sign in first, then reconnect
            assertEquals(303, fresh.callback(fresh.authorizeAtWebex(towardsWebex, "admin", true)).status());
            towardsWebex = fresh.press("connect");
        }
        WebClient.Reply answer = fresh.callback(fresh.authorizeAtWebex(towardsWebex, "admin", true));

        assertEquals(403, answer.status(), answer.body());
        assertTrue(answer.body().contains("service-app-refused") && answer.body().contains("authorised the Service App"),
                answer.body());
        assertFalse(answer.body().contains(APP.clientSecret()));
    }

    private List<Received> refreshes() {
        return SIM.received().stream()
                .filter(r -> r.path().equals("/v1/access_token") && r.body().contains("grant_type=refresh_token"))
                .toList();
    }
}
