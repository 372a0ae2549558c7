package org.skillbroker.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.skillbroker.simulator.Received;
import org.skillbroker.simulator.WebexSimulator;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin's way through /setup and the OAuth callback, on embedded Tomcat against the Webex simulator. */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class SetupFlowIT {

    private static final String BASE = BrokerEnvironment.BASE;

    @Deployment(testable = false)
    static WebArchive deployment() {
        BrokerEnvironment.configure(Map.of());
        return BrokerEnvironment.war();
    }

    private final WebexSimulator sim = BrokerEnvironment.simulator();
    private final AdminFlow admin = new AdminFlow(BASE);

    @BeforeEach
    void startWithoutGrant() throws IOException {
        StoredState.clear();
    }

    @AfterEach
    void clearSimulator() {
        sim.withholdScopes(Set.of());
        sim.faults().clear();
    }

    private static Path grantFile() {
        return BrokerEnvironment.storeDir().resolve("grant.enc");
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private JsonObject health() {
        return json(new WebClient().get(BASE + "/health", "Authorization", "Bearer " + BrokerEnvironment.METRICS_TOKEN).body());
    }

    private static String check(JsonObject health, String name, String field) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals(name)).findFirst().orElseThrow()
                .getJsonObject("data").getString(field, "");
    }

    @Test
    void adminConnectsAndTheGrantIsStoredEncrypted() throws IOException {
        WebClient.Reply before = new WebClient().get(BASE + "/health", "Authorization", "Bearer " + BrokerEnvironment.METRICS_TOKEN);
        assertEquals(503, before.status());
        assertEquals("not connected", check(json(before.body()), "admin-grant", "state"));
        sim.resetCounters();

        WebClient.Reply callback = admin.connectAs("admin");

        assertEquals(303, callback.status(), callback.body());
        assertEquals(BrokerEnvironment.CONTEXT + "/setup", callback.location(), "no banner in the URL");
        WebClient.Reply page = admin.setupPage();
        assertEquals(200, page.status());
        assertTrue(page.body().contains("id=\"state\">Connected<"), page.body());
        assertTrue(page.body().contains(sim.admin().email()));
        assertTrue(page.body().contains("Refresh token expires"));
        assertTrue(page.body().contains("it1"), "key id in use");

        assertTrue(StoredState.hasGrant());
        if (!BrokerEnvironment.databaseStore()) { // a row has no file mode: the database's grants guard it
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(grantFile())));
        }
        String stored = StoredState.sealedGrant().orElseThrow();
        for (String secret : sim.issuedSecrets()) {
            assertFalse(stored.contains(secret), "a token in plain text in the store");
        }
        WebClient.Reply after = new WebClient().get(BASE + "/health", "Authorization", "Bearer " + BrokerEnvironment.METRICS_TOKEN);
        assertEquals(200, after.status(), after.body());
        assertEquals("UP", json(after.body()).getString("status"));
        assertEquals(sim.admin().email(), check(json(after.body()), "admin-grant", "authorizedBy"));

        Received exchange = sim.received().stream().filter(r -> r.path().equals("/v1/access_token")).findFirst().orElseThrow();
        assertTrue(exchange.body().contains("grant_type=authorization_code"));
        assertTrue(exchange.body().contains("code_verifier="), "PKCE verifier sent");
        assertTrue(exchange.body().contains("client_secret="), "secret in the body");
        assertFalse(exchange.query().contains("client_secret"), "never in a URL");
    }

    @Test
    void aRefreshTokenNearItsEndIsAWarningNotAnOutage() {
        sim.setRefreshTokenLifetime(java.time.Duration.ofDays(5));
        try {
            assertEquals(303, admin.connectAs("admin").status());
        } finally {
            sim.setRefreshTokenLifetime(java.time.Duration.ofDays(60));
        }

        WebClient.Reply reply = new WebClient().get(BASE + "/health", "Authorization", "Bearer " + BrokerEnvironment.METRICS_TOKEN);
        assertEquals(200, reply.status(), "still UP");
        assertEquals("true", Health.read().data("refresh-token-expiry", "warning"));
        String page = admin.setupPage().body();
        assertTrue(page.contains("The grant expires in 4 days") || page.contains("The grant expires in 5 days"), page);
        assertTrue(page.contains("state-warn"));
    }

    @Test
    void authorizationRequestUsesStatePkceAndTheConfiguredScopes() {
        WebClient.Reply towardsWebex = admin.press("connect");

        Map<String, String> query = WebClient.query(towardsWebex.location());
        assertEquals("code", query.get("response_type"));
        assertEquals(BrokerEnvironment.CLIENT_ID, query.get("client_id"));
        assertEquals(BrokerEnvironment.REDIRECT_URI, query.get("redirect_uri"));
        assertEquals("cjp:config_read cjp:config_write spark:people_read", query.get("scope"));
        assertEquals("S256", query.get("code_challenge_method"));
        assertEquals(43, query.get("code_challenge").length());
        assertTrue(query.get("state").length() >= 22, "at least 128 bits of state");
    }

    @Test
    void forgedStateChangesNothing() {
        String callback = admin.authorizeAtWebex(admin.press("connect"), "admin", true);
        String forged = callback.replaceAll("state=[^&]+", "state=forged-state-value");

        WebClient.Reply reply = admin.browser.get(forged);

        assertEquals(400, reply.status());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        assertEquals("urn:skill-broker:problem:invalid-state", json(reply.body()).getString("type"));
        assertFalse(StoredState.hasGrant());
    }

    @Test
    void replayedCallbackChangesNothing() throws IOException {
        String callback = admin.authorizeAtWebex(admin.press("connect"), "admin", true);
        assertEquals(303, admin.callback(callback).status());
        String stored = StoredState.sealedGrant().orElseThrow();

        WebClient.Reply replay = admin.callback(callback);

        assertEquals(400, replay.status());
        assertTrue(replay.body().contains("already used"), replay.body());
        assertEquals(stored, StoredState.sealedGrant().orElseThrow());
    }

    @Test
    void callbackInAnotherBrowserSessionIsRefused() {
        String callback = admin.authorizeAtWebex(admin.press("connect"), "admin", true);

        WebClient.Reply reply = new WebClient().get(callback);

        assertEquals(400, reply.status());
        assertFalse(StoredState.hasGrant());
    }

    @Test
    void declinedConsentIsShownPlainly() {
        WebClient.Reply reply = admin.callback(admin.authorizeAtWebex(admin.press("connect"), "admin", false));

        assertEquals(403, reply.status());
        assertTrue(reply.contentType().startsWith("text/html"), "a readable page for the browser");
        assertTrue(reply.body().contains("declined"), reply.body());
        assertFalse(StoredState.hasGrant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"other-org-admin", "agent", "supervisor", "not-in-cc"})
    void onlyAContactCenterAdministratorOfTheOrgMayConnect(String user) {
        WebClient.Reply reply = admin.connectAs(user);

        assertEquals(403, reply.status(), reply.body());
        assertTrue(reply.body().contains("You signed in as"), reply.body());
        assertFalse(StoredState.hasGrant());
        assertEquals(503, new WebClient().get(BASE + "/health", "Authorization", "Bearer " + BrokerEnvironment.METRICS_TOKEN).status());
    }

    @Test
    void grantWithoutTheWriteScopeIsRefused() {
        sim.withholdScopes(Set.of("cjp:config_write"));

        WebClient.Reply reply = admin.connectAs("admin");

        assertEquals(403, reply.status());
        assertTrue(reply.body().contains("cjp:config_write"), reply.body());
        assertFalse(StoredState.hasGrant());
    }

    @Test
    void reconnectKeepsTheOldGrantUntilTheNewOneIsVerified() throws IOException {
        assertEquals(303, admin.connectAs("admin").status());
        String first = StoredState.sealedGrant().orElseThrow();

        WebClient.Reply refused = admin.callback(admin.authorizeAtWebex(admin.press("connect"), "other-org-admin", true));
        assertEquals(403, refused.status());
        assertEquals(first, StoredState.sealedGrant().orElseThrow(), "a refused reconnect changes nothing");

        WebClient.Reply declined = admin.callback(admin.authorizeAtWebex(admin.press("connect"), "admin", false));
        assertEquals(403, declined.status());
        assertEquals(first, StoredState.sealedGrant().orElseThrow());
        assertEquals("UP", health().getString("status"));

        assertEquals(303, admin.connectAs("admin").status());
        assertFalse(first.equals(StoredState.sealedGrant().orElseThrow()), "a verified reconnect replaces it");
    }

    @Test
    void onceConnectedAdminsSignInWithTheIdentityScopeOnly() throws IOException {
        assertEquals(303, admin.connectAs("admin").status());
        String stored = StoredState.sealedGrant().orElseThrow();
        AdminFlow newcomer = new AdminFlow(BASE);

        WebClient.Reply page = newcomer.setupPage();
        assertTrue(page.body().contains("id=\"sign-in\""), "offers sign-in, not connect");
        assertFalse(page.body().contains("Authorised by"), "no details before sign-in");
        WebClient.Reply connectWithoutSignIn = newcomer.press("connect");
        assertEquals(403, connectWithoutSignIn.status());

        WebClient.Reply towardsWebex = newcomer.press("sign-in");
        assertEquals("spark:people_read", WebClient.query(towardsWebex.location()).get("scope"));
        WebClient.Reply signedIn = newcomer.callback(newcomer.authorizeAtWebex(towardsWebex, "admin", true));
        assertEquals(303, signedIn.status(), signedIn.body());
        assertTrue(newcomer.setupPage().body().contains("Authorised by"));
        assertEquals(stored, StoredState.sealedGrant().orElseThrow(), "signing in never replaces the grant");

        AdminFlow agent = new AdminFlow(BASE);
        WebClient.Reply refused = agent.signInAs("agent");
        assertEquals(403, refused.status());
        assertFalse(agent.setupPage().body().contains("Authorised by"));
    }

    @Test
    void disconnectAsksForConfirmationThenDeletesTheGrant() {
        assertEquals(303, admin.connectAs("admin").status());
        String csrf = admin.setupPage().csrf();

        WebClient.Reply confirm = admin.browser.postForm(BASE + "/setup/disconnect", Map.of("csrf", csrf));
        assertEquals(200, confirm.status());
        assertTrue(confirm.body().contains("confirm-disconnect"));
        assertTrue(StoredState.hasGrant());

        WebClient.Reply done = admin.browser.postForm(BASE + "/setup/disconnect", Map.of("csrf", csrf, "confirm", "yes"));
        assertEquals(303, done.status());
        assertFalse(StoredState.hasGrant());
        assertEquals(503, new WebClient().get(BASE + "/health", "Authorization", "Bearer " + BrokerEnvironment.METRICS_TOKEN).status());
    }

    @Test
    void formsWithoutTheSessionsCsrfTokenAreRefused() {
        WebClient.Reply noSession = admin.browser.postForm(BASE + "/setup/connect", Map.of());
        admin.press("connect"); // a session exists from here on: its forms need its token, whatever their Origin
        String origin = BASE.substring(0, BASE.indexOf('/', "http://".length()));
        WebClient.Reply missing = admin.browser.postForm(BASE + "/setup/connect", Map.of(), "Origin", origin);
        WebClient.Reply wrong = admin.browser.postForm(BASE + "/setup/connect", Map.of("csrf", "guess"),
                "Sec-Fetch-Site", "same-origin");

        assertEquals(403, noSession.status(), "no session and no proof of the broker's own page");
        assertEquals(403, missing.status());
        assertEquals(403, wrong.status());
        assertEquals("urn:skill-broker:problem:csrf", json(wrong.body()).getString("type"));
    }

    @Test
    void pagesForbidFramingAndSniffingAndTheSessionCookieIsLockedDown() {
        WebClient.Reply page = new WebClient().get(BASE + "/setup");

        assertTrue(page.header("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
        assertEquals("nosniff", page.header("X-Content-Type-Options").orElse(""));
        assertEquals("DENY", page.header("X-Frame-Options").orElse(""));
        assertTrue(page.header("Set-Cookie").isEmpty(), "a visitor gets no session");
        // the session starts with the sign-in
        String cookie = admin.press("connect").header("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("Secure"), cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
    }

    @Test
    void malformedCallbacksGetProblemResponses() {
        WebClient client = new WebClient();
        WebClient.Reply none = client.get(BASE + "/oauth/callback");
        WebClient.Reply both = client.get(BASE + "/oauth/callback?state=a&code=b&error=access_denied");
        WebClient.Reply twice = client.get(BASE + "/oauth/callback?state=a&state=b&code=c");
        WebClient.Reply post = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(BASE + "/oauth/callback"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("state=a&code=b")));

        for (WebClient.Reply reply : new WebClient.Reply[]{none, both, twice}) {
            assertEquals(400, reply.status());
            assertTrue(reply.contentType().startsWith("application/problem+json"));
        }
        assertEquals(405, post.status());
    }

    @Test
    void unknownPathsAreProblemsNotContainerPages() {
        WebClient.Reply reply = new WebClient().get(BASE + "/no/such/page");

        assertEquals(404, reply.status());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        assertFalse(reply.body().contains("Apache Tomcat"));
    }
}
