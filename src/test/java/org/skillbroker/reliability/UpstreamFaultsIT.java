package org.skillbroker.reliability;

import jakarta.json.Json;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.skillbroker.it.AdminFlow;
import org.skillbroker.it.BrokerEnvironment;
import org.skillbroker.it.StoredState;
import org.skillbroker.it.Health;
import org.skillbroker.it.NoLeaks;
import org.skillbroker.it.WebClient;
import org.skillbroker.simulator.Fault;
import org.skillbroker.simulator.WebexSimulator;

import java.io.StringReader;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6, upstream faults: what the supervisor sees while Webex misbehaves, how long it takes to say so, that
 * the container keeps answering, and that the broker recovers by itself once Webex does (issue 3's mapping:
 * 403 → 502, 404 → 404, 429 → 503 with Retry-After, 5xx and timeouts → reads retried, then 502/504).
 */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class UpstreamFaultsIT {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
    /**
     * A read is tried 3 times with pauses of 100 and 300 ms (AdminCalls): 3 read timeouts plus 0.4 s, plus 1 s
     * for everything else on a shared 2-core machine.
     */
    private static final Duration READ_BOUND = READ_TIMEOUT.multipliedBy(3).plusMillis(400).plusSeconds(1);
    /** A write is never retried (a PUT that timed out may have been applied): its GET and one PUT. */
    private static final Duration WRITE_BOUND = READ_TIMEOUT.multipliedBy(3);
    private static final String PROFILE_GET = "/organization/*/skill-profile/*";
    private static final String PROFILE_PUT = "/organization/*/skill-profile/*";

    @Deployment(testable = false)
    static WebArchive deployment() {
        BrokerEnvironment.configure(Map.of("skillbroker.http.read-timeout", "PT1S",
                "skillbroker.refresh.at-share", "0.5",
                "skillbroker.api.rate-limit.per-caller", "100000/PT1M",
                "skillbroker.api.rate-limit.global", "100000/PT1M",
                "skillbroker.cc.budget", "100000/PT1M"));
        return BrokerEnvironment.war();
    }

    /** One admin for the class: once a grant exists, connecting again needs a signed-in admin. */
    private static final AdminFlow ADMIN = new AdminFlow(BrokerEnvironment.BASE);
    private final WebexSimulator sim = BrokerEnvironment.simulator();
    private BrokerApi api;
    private String french;

    @BeforeEach
    void connected() {
        // this class's storms alone exceed Contact Center's 300 calls a minute; the limit is not what is tested
        sim.setRateLimitPerMinute(100_000);
        if (!StoredState.hasGrant()) {
            assertEquals(303, ADMIN.connectAs("admin").status());
        }
        api = new BrokerApi(sim.issueDesktopToken(sim.admin()));
        french = sim.seededSkills().get("French");
        assertEquals(200, api.get(profile(0)).status(), "identity, role and skills are cached before the faults");
    }

    @AfterEach
    void clearFaults() {
        sim.faults().clear();
    }

    @AfterAll
    static void restoreSimulator() {
        // back to Contact Center's default, with this class's thousands of calls forgotten, or the next class's
        // first minute would be rate-limited
        BrokerEnvironment.simulator().setRateLimitPerMinute(300);
        BrokerEnvironment.simulator().resetRateLimits();
        BrokerEnvironment.simulator().setAccessTokenLifetime(Duration.ofSeconds(43199));
    }

    private String profile(int n) {
        return sim.seededProfiles().numbered().get(n);
    }

    private static String type(WebClient.Reply reply) {
        return Json.createReader(new StringReader(reply.body())).readObject().getString("type", "");
    }

    private static void assertProblem(BrokerApi.Timed answer, int status, String kind, Duration bound) {
        assertEquals(status, answer.status(), answer.reply().body());
        assertTrue(answer.reply().contentType().startsWith("application/problem+json"), answer.reply().contentType());
        assertEquals("urn:skill-broker:problem:" + kind, type(answer.reply()));
        assertTrue(answer.took().compareTo(bound) < 0, "answered within " + bound + ", took " + answer.took());
        System.out.printf("UpstreamFaultsIT: %d %s in %d ms%n", status, kind, answer.took().toMillis());
    }

    // ---- statuses ----

    @ParameterizedTest(name = "Webex {0} on a read -> {1} {2}")
    @CsvSource({"500, 502, upstream-failed", "502, 502, upstream-failed", "503, 502, upstream-failed",
            "403, 502, admin-grant-lacks-permission", "404, 404, skill-profile-not-found"})
    void aLastingUpstreamStatusIsMappedWithinBoundedTimeAndRecovers(int upstream, int status, String kind) {
        sim.faults().on("GET", PROFILE_GET, Fault.status(upstream), -1);

        assertProblem(api.get(profile(1)), status, kind, READ_BOUND);

        sim.faults().clear();
        assertEquals(200, api.get(profile(1)).status(), "recovers without a restart");
    }

    @Test
    void a429StormIs503WithRetryAfterAndTheNodeStopsCallingUntilItPasses() {
        sim.faults().on("GET", PROFILE_GET, Fault.rateLimited(4), -1);
        sim.resetCounters();

        for (int i = 0; i < 10; i++) {
            BrokerApi.Timed answer = api.get(profile(2));
            assertProblem(answer, 503, "upstream-rate-limited", READ_BOUND);
            int retryAfter = Integer.parseInt(answer.reply().header("Retry-After").orElse("0"));
            assertTrue(retryAfter >= 1 && retryAfter <= 4, "Retry-After " + retryAfter);
        }
        assertEquals(1, sim.count("*", "/organization/**"), "one 429, then no call until Retry-After has passed");

        sim.faults().clear();
        org.skillbroker.servers.Poll.until(() -> api.get(profile(2)).status() == 200, java.time.Duration.ofSeconds(10),
                "calls resume once Retry-After has passed");
    }

    @Test
    void aFailingWriteIsNotRetriedAndIs502() {
        sim.faults().on("PUT", PROFILE_PUT, Fault.status(500), -1);
        int before = sim.count("PUT", PROFILE_PUT);
        int value = (proficiency(profile(3)) + 1) % 11;

        assertProblem(api.setProficiency(profile(3), french, value), 502, "upstream-failed", WRITE_BOUND);
        assertEquals(before + 1, sim.count("PUT", PROFILE_PUT), "a write is tried once");

        sim.faults().clear();
        assertEquals(200, api.setProficiency(profile(3), french, value).status());
        assertEquals(value, proficiency(profile(3)));
    }

    // ---- timeouts, resets, garbage ----

    @Test
    void aReadSlowerThanTheReadTimeoutIs504WithinBoundedTime() {
        sim.faults().on("GET", PROFILE_GET, Fault.delay(READ_TIMEOUT.multipliedBy(2)), -1);

        assertProblem(api.get(profile(4)), 504, "upstream-timeout", READ_BOUND);

        sim.faults().clear();
        assertEquals(200, api.get(profile(4)).status());
    }

    @Test
    void aWriteSlowerThanTheReadTimeoutIs504WithinBoundedTime() {
        sim.faults().on("PUT", PROFILE_PUT, Fault.delay(READ_TIMEOUT.multipliedBy(2)), 1);

        assertProblem(api.setProficiency(profile(5), french, (proficiency(profile(5)) + 1) % 11), 504,
                "upstream-timeout", WRITE_BOUND);
    }

    @Test
    void resetConnectionsAre502AndRecover() {
        sim.faults().on("GET", PROFILE_GET, Fault.dropConnection(), -1);

        assertProblem(api.get(profile(6)), 502, "upstream-failed", READ_BOUND);

        sim.faults().clear();
        assertEquals(200, api.get(profile(6)).status());
    }

    @Test
    void malformedJsonFromWebexIs502AndRecovers() {
        sim.faults().on("GET", PROFILE_GET, Fault.malformedJson(), -1);

        BrokerApi.Timed answer = api.get(profile(7));
        assertProblem(answer, 502, "upstream-failed", READ_BOUND);
        assertTrue(!answer.reply().body().contains("tru"), "no upstream body: " + answer.reply().body());

        sim.faults().clear();
        assertEquals(200, api.get(profile(7)).status());
    }

    // ---- the container keeps answering ----

    @Test
    void healthAnswersWithinASecondWhile64SlowRequestsAreInFlight() throws Exception {
        sim.faults().on("GET", PROFILE_GET, Fault.delay(READ_TIMEOUT.multipliedBy(2)), -1);
        ExecutorService callers = Executors.newFixedThreadPool(64);
        try {
            List<Future<BrokerApi.Timed>> inFlight = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String id = profile(i % 25);
                inFlight.add(callers.submit(() -> api.get(id)));
            }
            List<Long> healthMillis = new ArrayList<>();
            Instant end = Instant.now().plus(READ_TIMEOUT.multipliedBy(2));
            while (Instant.now().isBefore(end)) { // samples while the storm is at its height
                healthMillis.add(timed(() -> new WebClient().get(BrokerEnvironment.BASE + "/health").status()));
            }
            long slowestStorm = 0;
            for (Future<BrokerApi.Timed> answer : inFlight) {
                BrokerApi.Timed timed = answer.get();
                assertEquals(504, timed.status(), timed.reply().body());
                slowestStorm = Math.max(slowestStorm, timed.took().toMillis());
            }
            long slowestHealth = healthMillis.stream().mapToLong(Long::longValue).max().orElseThrow();
            System.out.printf("UpstreamFaultsIT: 64 slow requests, slowest %d ms; %d health checks meanwhile, "
                    + "slowest %d ms%n", slowestStorm, healthMillis.size(), slowestHealth);
            assertTrue(slowestHealth < 1000, "health within 1 s during the storm: " + healthMillis);
            assertTrue(slowestStorm < READ_BOUND.toMillis() + 2000, "every slow request bounded: " + slowestStorm);
        } finally {
            callers.shutdownNow();
        }
        sim.faults().clear();
        assertEquals(200, api.get(profile(8)).status(), "recovers without a restart");
    }

    // ---- the token endpoint ----

    @ParameterizedTest(name = "token endpoint down with {0}")
    @ValueSource(strings = {"503", "reset"})
    void aTokenEndpointDownThroughTheAccessTokensExpiryIs503ThenRecovers(String fault) {
        sim.setAccessTokenLifetime(Duration.ofSeconds(3));
        assertEquals(303, ADMIN.connectAs("admin").status(), "a grant whose access token lives 3 s");
        sim.faults().on("POST", "/v1/access_token", "reset".equals(fault) ? Fault.dropConnection() : Fault.status(503), -1);

        BrokerApi.Timed refused = await(() -> api.get(profile(9)), a -> a.status() == 503, "the token expired");
        assertProblem(refused, 503, "grant-unavailable", READ_BOUND);
        Health down = Health.read();
        assertEquals(503, down.httpStatus(), "health reports it: " + down.json());
        for (int i = 0; i < 5; i++) {
            assertProblem(api.get(profile(9)), 503, "grant-unavailable", READ_BOUND);
        }

        sim.setAccessTokenLifetime(Duration.ofSeconds(43199));
        sim.faults().clear();
        BrokerApi.Timed recovered = await(() -> api.get(profile(9)), a -> a.status() == 200, "a refresh succeeded");
        assertEquals(200, recovered.status());
        Health.await(h -> h.httpStatus() == 200, Duration.ofSeconds(10), "health UP again");
    }

    private int proficiency(String profileId) {
        return sim.skillProfile(profileId).orElseThrow().getJsonArray("activeSkills").getJsonObject(0)
                .getInt("proficiencyValue");
    }

    private static long timed(Supplier<Integer> call) {
        long started = System.nanoTime();
        call.get();
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** Polls until the answer satisfies the condition, with a deadline. */
    private static BrokerApi.Timed await(Supplier<BrokerApi.Timed> call, java.util.function.Predicate<BrokerApi.Timed> done,
                                         String what) {
        Instant end = Instant.now().plusSeconds(15);
        BrokerApi.Timed last = call.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("not within 15 s: " + what + "; last " + last.status() + " "
                        + last.reply().body());
            }
            try {
                Thread.sleep(100); // polling an effect of the refresh timer, not waiting for time to pass
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = call.get();
        }
        return last;
    }
}
