package org.skillbroker.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.skillbroker.servers.Poll;
import org.skillbroker.simulator.WebexSimulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.skillbroker.it.ApiClient.change;
import static org.skillbroker.it.ApiClient.json;

/**
 * What a stranger can cost and learn (issue 10), with the broker's default per-address bound on identity lookups:
 * random tokens, a hostile PATCH naming made-up skills, forged Host headers, anonymous /health and /setup.
 */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StrangersIT {

    /** The WAR's default, restated: the flood test proves this bound. */
    private static final int LOOKUPS_PER_MINUTE = 30;
    private static final String IDENTITY_TTL = "PT3S";

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = new HashMap<>();
        settings.put("skillbroker.api.rate-limit.lookups-per-address", null); // the WAR's default
        settings.put("skillbroker.api.identity-cache-ttl", IDENTITY_TTL);
        BrokerEnvironment.configure(settings);
        return BrokerEnvironment.war();
    }

    private final WebexSimulator sim = BrokerEnvironment.simulator();
    private final ApiClient api = new ApiClient();
    private final AdminFlow admin = new AdminFlow(BrokerEnvironment.BASE);

    @BeforeEach
    void connected() {
        if (Health.read().httpStatus() != 200) {
            assertEquals(303, admin.connectAs("admin").status());
        }
        sim.resetRateLimits();
    }

    private static String randomToken() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String german() {
        return sim.seededSkills().get("German");
    }

    private String germanSpeaker() {
        return sim.seededProfiles().germanSpeaker();
    }

    private int contactCenterCalls() {
        return sim.count("*", "/organization/**");
    }

    @Test
    @Order(Integer.MAX_VALUE) // last (unannotated tests come at MAX_VALUE / 2): it spends this address's lookups
    void randomTokensCostWebexAtMostTheLookupsOfOneAddressAndWriteNothing() throws IOException {
        AdminFlow signedIn = new AdminFlow(BrokerEnvironment.BASE);
        signedIn.signInAs("admin");
        String changesBefore = latestChanges(signedIn.setupPage().body());
        int auditLines = StoredState.auditLines().size();
        sim.resetCounters();

        int refused401 = 0;
        int refused429 = 0;
        long started = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            WebClient.Reply reply = api.patch(germanSpeaker(), randomToken(), change(german(), 5));
            assertTrue(reply.status() == 401 || reply.status() == 429, reply.status() + " " + reply.body());
            assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
            if (reply.status() == 401) {
                refused401++;
            } else {
                refused429++;
                assertTrue(reply.header("Retry-After").isPresent(), "429 says when");
            }
        }

        double seconds = (System.nanoTime() - started) / 1e9;
        // the bucket: 30 at once, then one every 2 s
        int bound = LOOKUPS_PER_MINUTE + (int) Math.ceil(seconds * LOOKUPS_PER_MINUTE / 60.0);
        int lookups = sim.count("GET", "/v1/people/me");
        assertTrue(lookups <= bound, lookups + " people/me calls for 200 random tokens in " + seconds + " s");
        assertEquals(lookups, refused401, refused401 + " x 401, " + refused429 + " x 429");
        assertEquals(0, contactCenterCalls(), "no Contact Center call for a stranger");
        assertEquals(auditLines, StoredState.auditLines().size(), "no audit line from strangers");
        assertEquals(changesBefore, latestChanges(signedIn.setupPage().body()), "/setup's latest changes untouched");
        String metrics = new WebClient().get(BrokerEnvironment.BASE + "/metrics", "Authorization",
                "Bearer " + BrokerEnvironment.METRICS_TOKEN).body();
        assertTrue(metrics.contains("skillbroker_unidentified_changes_total{problem=\"rate-limited\"}"), metrics);
        assertTrue(metrics.contains("skillbroker_rate_limit_rejections_total{scope=\"address\"}"), metrics);
    }

    @Test
    void aTokenWebexRejectedIsRefusedAgainWithoutAskingWebex() {
        String token = randomToken();
        sim.resetCounters();
        assertEquals(401, api.get("", token).status());
        assertEquals(1, sim.count("GET", "/v1/people/me"));

        for (int i = 0; i < 20; i++) {
            assertEquals(401, api.patch(germanSpeaker(), token, change(german(), 5)).status());
        }
        assertEquals(1, sim.count("GET", "/v1/people/me"), "a rejected token is remembered by its hash");
    }

    @Test
    void aRevokedDesktopTokenStopsWorkingWithinTheIdentityCacheLifetime() {
        String token = sim.issueDesktopToken(sim.supervisor());
        assertEquals(200, api.get("", token).status());
        sim.revokeAccessToken(token);

        // served from the cache at most for its lifetime, then refused: that is the stated bound
        Poll.until(() -> api.get("", token).status() == 401, Duration.ofSeconds(15),
                "the revoked token refused once its identity expired from the cache");
        int lookups = sim.count("GET", "/v1/people/me");
        assertEquals(401, api.get("", token).status());
        assertEquals(lookups, sim.count("GET", "/v1/people/me"), "and from then on without a call to Webex");
    }

    @Test
    void aDesktopTokenContactCenterRejectsWhileItsIdentityIsCachedIsRefusedAndForgotten() {
        String token = sim.issueDesktopToken(sim.supervisor());
        assertEquals(400, api.patch(germanSpeaker(), token, "{\"changes\": 7}").status(),
                "identified (and cached), refused before any team lookup");
        sim.revokeAccessToken(token);
        sim.resetCounters();

        WebClient.Reply list = api.get("", token);
        assertEquals(401, list.status(), "Contact Center's 401 to the caller's own token is not 'would not say': "
                + list.body());
        assertEquals("urn:skill-broker:problem:invalid-token", ApiClient.json(list.body()).getString("type"));
        assertEquals(0, sim.count("GET", "/v1/people/me"), "the identity came from the cache: Contact Center said 401");
        int calls = sim.count("*", "/v1/people/me") + contactCenterCalls();
        assertEquals(401, api.get("", token).status());
        assertEquals(calls, sim.count("*", "/v1/people/me") + contactCenterCalls(), "forgotten: no call to Webex");
    }

    @Test
    void aHostilePatchCostsNoMoreContactCenterCallsThanAnHonestOne() {
        String supervisor = sim.issueDesktopToken(sim.supervisor());
        assertEquals(200, api.get("", supervisor).status()); // identity and role cached for both requests
        sim.resetCounters();
        int target = (proficiencyOfGerman() + 1) % 11;
        assertEquals(200, api.patch(germanSpeaker(), supervisor, change(german(), target)).status());
        int honest = contactCenterCalls();

        StringBuilder body = new StringBuilder("{\"activeSkills\":[");
        for (int i = 0; i < 99; i++) {
            body.append("{\"skillId\":\"").append(UUID.randomUUID()).append("\",\"proficiencyValue\":3},");
        }
        body.append("{\"skillId\":\"").append(german()).append("\",\"proficiencyValue\":3}]}");
        sim.resetCounters();
        WebClient.Reply hostile = api.patch(germanSpeaker(), supervisor, body.toString());
        assertEquals(400, hostile.status(), hostile.body());
        assertEquals("urn:skill-broker:problem:unknown-skill", json(hostile.body()).getString("type"));
        int calls = contactCenterCalls();
        assertTrue(calls <= honest, "hostile PATCH made " + calls + " Contact Center calls, an honest one " + honest);
        assertEquals(0, sim.count("GET", "/organization/*/skill/*"), "no skill looked up by id");
    }

    @Test
    void moreChangesThanOneRequestMayCarryAreRefusedBeforeAnyCall() {
        String supervisor = sim.issueDesktopToken(sim.supervisor());
        assertEquals(200, api.get("", supervisor).status());
        StringBuilder body = new StringBuilder("{\"activeSkills\":[");
        for (int i = 0; i < 101; i++) {
            body.append(i == 0 ? "" : ",").append("{\"skillId\":\"").append(UUID.randomUUID())
                    .append("\",\"proficiencyValue\":3}");
        }
        sim.resetCounters();
        WebClient.Reply reply = api.patch(germanSpeaker(), supervisor, body.append("]}").toString());
        assertEquals(400, reply.status(), reply.body());
        assertEquals("urn:skill-broker:problem:too-many-changes", json(reply.body()).getString("type"));
        assertEquals(0, contactCenterCalls());
    }

    @Test
    void layoutJsonNeverTakesTheAddressFromAForgedHost() throws IOException {
        String layout = raw("GET " + BrokerEnvironment.CONTEXT + "/widget/layout.json HTTP/1.1\r\nHost: evil.example\r\n"
                + "X-Forwarded-Host: evil.example\r\nConnection: close\r\n\r\n");
        assertTrue(layout.startsWith("HTTP/1.1 200"), layout);
        assertFalse(layout.contains("evil.example"), layout);
        assertTrue(layout.contains("\"script\": \"" + BrokerEnvironment.BASE + "/widget/skill-editor-widget.js\""), layout);
    }

    @Test
    void anonymousHealthNamesChecksButShowsNothingInternal() {
        WebClient.Reply anonymous = new WebClient().get(BrokerEnvironment.BASE + "/health");
        assertEquals(200, anonymous.status(), anonymous.body());
        JsonObject outline = json(anonymous.body());
        assertEquals("UP", outline.getString("status"));
        for (JsonObject check : outline.getJsonArray("checks").getValuesAs(JsonObject.class)) {
            assertEquals(java.util.Set.of("name", "status"), check.keySet(), anonymous.body());
        }
        for (String internal : new String[]{sim.orgId(), StoredState.location(), "it1",
                sim.admin().email()}) {
            assertFalse(anonymous.body().contains(internal), "anonymous /health shows " + internal);
        }
        Health insider = Health.read();
        assertEquals(sim.admin().email(), insider.data("admin-grant", "authorizedBy"));
        assertEquals("it1", insider.data("token-store", "keyId"));
    }

    @Test
    void anonymousSetupCreatesNoSessionAndShowsNoPath() {
        WebClient.Reply page = new WebClient().get(BrokerEnvironment.BASE + "/setup");
        assertEquals(200, page.status());
        assertTrue(page.header("Set-Cookie").isEmpty(), "no session for a visitor: " + page.headers());
        assertFalse(page.body().contains(StoredState.location()), "no store path");
        assertFalse(page.body().contains("name=\"csrf\""), "no session, so no token yet");

        // a cross-site form cannot start a sign-in: without a session it needs the broker's own Origin
        WebClient.Reply forged = new WebClient().postForm(BrokerEnvironment.BASE + "/setup/sign-in", Map.of(),
                "Origin", "https://evil.example");
        assertEquals(403, forged.status(), forged.body());
        assertTrue(forged.header("Set-Cookie").isEmpty(), "a refused form creates no session either");
    }

    @Test
    void theNullOriginGetsNoPreflight() {
        WebClient.Reply preflight = api.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(ApiClient.API + "/" + germanSpeaker()))
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()),
                "Origin", "null", "Access-Control-Request-Method", "PATCH",
                "Access-Control-Request-Headers", "authorization,content-type");
        assertEquals(403, preflight.status(), preflight.body());
        assertTrue(preflight.header("Access-Control-Allow-Origin").isEmpty(), preflight.headers().toString());
    }

    private int proficiencyOfGerman() {
        return sim.skillProfile(germanSpeaker()).orElseThrow().getJsonArray("activeSkills")
                .getValuesAs(JsonObject.class).stream().filter(s -> s.getString("skillId").equals(german()))
                .findFirst().orElseThrow().getInt("proficiencyValue");
    }

    /** The latest changes on /setup without their time column (it says "2 minutes ago", which moves on). */
    private static String latestChanges(String page) {
        Matcher m = Pattern.compile("id=\"changes\".*?(</table>|</p>)", Pattern.DOTALL).matcher(page);
        assertTrue(m.find(), "the signed-in page lists the latest changes: " + page);
        return m.group().replaceAll("<tr><td>.*?</td>", "<tr>");
    }

    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", BrokerEnvironment.PORT)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
