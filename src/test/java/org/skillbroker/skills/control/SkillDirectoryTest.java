package org.skillbroker.skills.control;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skillbroker.config.Datacenter;
import org.skillbroker.config.Secret;
import org.skillbroker.config.Settings;
import org.skillbroker.simulator.Fault;
import org.skillbroker.simulator.MutableClock;
import org.skillbroker.simulator.WebexSimulator;
import org.skillbroker.token.AdminCalls;
import org.skillbroker.token.Administrator;
import org.skillbroker.token.Grant;
import org.skillbroker.token.GrantKeeper;
import org.skillbroker.token.GrantStatus;
import org.skillbroker.state.file.GrantStore;
import org.skillbroker.token.Keyring;
import org.skillbroker.token.RefreshPolicy;
import org.skillbroker.token.TokenRefresher;
import org.skillbroker.token.TokenSet;
import org.skillbroker.webex.OAuthClient;
import org.skillbroker.webex.SkillsClient;
import org.skillbroker.webex.TokenResponse;
import org.skillbroker.webex.WebexHttp;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The skill directory against the simulator: a slow upstream call of one request holds up no other. */
class SkillDirectoryTest {

    private static final String CLIENT_ID = "directory-test";
    private static final String SECRET = "directory-test-secret";
    private static final String REDIRECT = "http://127.0.0.1/skill-broker/oauth/callback";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));
    private WebexSimulator sim;
    private WebexHttp http;
    private SkillDirectory directory;

    @BeforeEach
    void setUp() throws Exception {
        sim = WebexSimulator.start();
        sim.setClock(clock);
        sim.registerClient(CLIENT_ID, SECRET, REDIRECT);
        Settings.Webex webex = new Settings.Webex(CLIENT_ID, new Secret(SECRET), URI.create(REDIRECT), sim.orgId(),
                Datacenter.US1, Set.of("cjp:config_read"), sim.baseUri(), sim.baseUri());
        http = new WebexHttp(new Settings.Http(Duration.ofSeconds(5), Duration.ofSeconds(5)));
        OAuthClient oauth = new OAuthClient(http, webex);
        GrantKeeper keeper = new GrantKeeper(new GrantStore(dir.resolve("store"), Keyring.of("k1", new byte[32]),
                sim.orgId(), clock));
        TokenResponse first = oauth.exchangeCode(code(), URI.create(REDIRECT), "unused");
        keeper.replace(new Grant(TokenSet.from(first, clock.instant(), null), sim.orgId(),
                new Administrator("p", "Ada", "ada@example.com"), clock.instant(), GrantStatus.ACTIVE, null, null, 0));
        org.skillbroker.state.file.FileClusterState state = new org.skillbroker.state.file.FileClusterState(
                dir.resolve("store"), Keyring.of("k1", new byte[32]), sim.orgId(), java.util.Optional.empty(), 1 << 20, 0,
                clock);
        TokenRefresher refresher = new TokenRefresher(keeper, oauth, state.leases(), Duration.ofSeconds(30),
                new RefreshPolicy(new Settings.Refresh(0.75, Duration.ofHours(24), Duration.ofSeconds(30),
                        Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofDays(14)), () -> 0.999), clock);
        AdminCalls admin = new AdminCalls(refresher, clock, pause -> { }, new org.skillbroker.budget.UpstreamGate(
                state.budget(), new Settings.RateLimit(100_000, Duration.ofMinutes(1)), clock));
        directory = new SkillDirectory(new SkillsClient(http, webex), admin, sim::orgId, Duration.ofMinutes(10), clock);
    }

    @AfterEach
    void tearDown() {
        sim.faults().clear();
        http.close();
        sim.close();
    }

    private String code() throws Exception {
        String body = "response_type=code&client_id=" + CLIENT_ID + "&redirect_uri="
                + java.net.URLEncoder.encode(REDIRECT, java.nio.charset.StandardCharsets.UTF_8)
                + "&scope=cjp%3Aconfig_read&state=s&user=admin&decision=accept";
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        sim.baseUri().resolve("/v1/authorize")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return URI.create(response.headers().firstValue("Location").orElseThrow()).getQuery()
                .replaceAll(".*code=([^&]+).*", "$1");
    }

    @Test
    void aSlowLookupOfOneSkillDoesNotHoldUpAnotherRequest() throws Exception {
        String german = sim.seededSkills().get("German").toLowerCase();
        assertEquals(Set.of(german), directory.describe(List.of(german)).keySet()); // the list is loaded
        String added = sim.createSkill(sim.orgId(), "Added Later", "PROFICIENCY").toLowerCase();

        CountDownLatch upstream = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        sim.faults().on("GET", "/organization/*/skill/" + added, Fault.run(() -> {
            upstream.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), 1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Map<String, SkillsClient.Skill>> slow = pool.submit(() -> directory.describe(List.of(added)));
            assertTrue(upstream.await(10, TimeUnit.SECONDS), "the first request is waiting for Webex");

            Future<Map<String, SkillsClient.Skill>> other = pool.submit(() -> directory.describe(List.of(german)));
            assertEquals(Set.of(german), other.get(5, TimeUnit.SECONDS).keySet(),
                    "answered while the other request still waits for Webex");

            release.countDown();
            assertEquals("Added Later", slow.get(10, TimeUnit.SECONDS).get(added).name());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
