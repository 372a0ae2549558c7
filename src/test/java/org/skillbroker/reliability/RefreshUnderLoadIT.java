package org.skillbroker.reliability;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.skillbroker.it.AdminFlow;
import org.skillbroker.it.BrokerEnvironment;
import org.skillbroker.it.Health;
import org.skillbroker.it.NoLeaks;
import org.skillbroker.simulator.WebexSimulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6, refresh under load: 32 supervisors read and change profiles without pause while the admin's access
 * token lives 3 s, so the broker refreshes it about every 1.5 s underneath them. Not one request may fail.
 * The duration is {@code -Dreliability.load.seconds} (default 60).
 */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class RefreshUnderLoadIT {

    private static final int CALLERS = 32;
    private static final Duration DURATION = Duration.ofSeconds(Long.getLong("reliability.load.seconds", 60));
    private static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(3);

    @Deployment(testable = false)
    static WebArchive deployment() {
        BrokerEnvironment.configure(Map.of("skillbroker.refresh.at-share", "0.5",
                "skillbroker.refresh.check-interval", "PT0.2S",
                "skillbroker.api.rate-limit.per-caller", "1000000/PT1M",
                "skillbroker.api.rate-limit.global", "1000000/PT1M",
                "skillbroker.cc.budget", "1000000/PT1M"));
        return BrokerEnvironment.war();
    }

    /**
     * Its own client, not the suite's WebClient: that one keeps every response for the leak check, which for
     * tens of thousands of answers would cost more memory and time than the load itself. Logs are still checked.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final WebexSimulator sim = BrokerEnvironment.simulator();

    @AfterAll
    static void restoreSimulator() {
        BrokerEnvironment.simulator().setAccessTokenLifetime(Duration.ofSeconds(43199));
        // back to Contact Center's default, with this class's thousands of calls forgotten, or the next class's
        // first minute would be rate-limited
        BrokerEnvironment.simulator().setRateLimitPerMinute(300);
        BrokerEnvironment.simulator().resetRateLimits();
    }

    @Test
    void thirtyTwoCallersSeeNoFailureWhileTheAdminTokenExpiresEveryFewSeconds() throws Exception {
        // Desktop tokens first, with Webex's usual lifetime: only the admin's token is meant to churn
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            tokens.add(sim.issueDesktopToken(i % 2 == 0 ? sim.admin() : sim.allTeamsSupervisor()));
        }
        sim.setRateLimitPerMinute(10_000_000); // Contact Center's 300/minute is not what is measured here
        sim.setAccessTokenLifetime(ACCESS_TOKEN_LIFETIME);
        assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        sim.resetCounters();

        Load load = new Load(sim.seededProfiles().numbered(), sim.seededSkills().get("French"));
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        Instant end = Instant.now().plus(DURATION);
        try {
            List<Future<?>> callers = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                int caller = i;
                callers.add(pool.submit(() -> load.run(caller, tokens.get(caller), end)));
            }
            for (Future<?> caller : callers) {
                caller.get();
            }
        } finally {
            pool.shutdownNow();
        }

        int refreshes = sim.count("POST", "/v1/access_token");
        System.out.printf("RefreshUnderLoadIT: %d callers for %d s: %d requests (%d GET, %d PATCH), %d failed, "
                        + "%d admin-token refreshes, slowest %d ms%n", CALLERS, DURATION.toSeconds(), load.requests(),
                load.gets.get(), load.patches.get(), load.failures.size(), refreshes, load.slowestMillis.get());
        assertEquals(List.of(), load.failures.subList(0, Math.min(10, load.failures.size())),
                load.failures.size() + " requests failed");
        assertTrue(refreshes >= DURATION.toSeconds() / ACCESS_TOKEN_LIFETIME.toSeconds(),
                "the admin token was refreshed under the load, not once: " + refreshes);
        assertEquals(200, Health.read().httpStatus());
    }

    /** What each caller does until the deadline: read its profile, change it, again. */
    private static final class Load {
        final List<String> profiles;
        final String skill;
        final AtomicLong gets = new AtomicLong();
        final AtomicLong patches = new AtomicLong();
        final AtomicLong slowestMillis = new AtomicLong();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());

        Load(List<String> profiles, String skill) {
            this.profiles = profiles;
            this.skill = skill;
        }

        long requests() {
            return gets.get() + patches.get();
        }

        void run(int caller, String token, Instant end) {
            // at most two callers share a profile: writes to one profile are serialised, that is not measured here
            String profile = profiles.get(caller % profiles.size());
            String url = BrokerApi.API + "/" + profile;
            for (int n = 0; Instant.now().isBefore(end); n++) {
                send(HttpRequest.newBuilder(URI.create(url)).GET(), token, gets);
                String body = "{\"activeSkills\":[{\"skillId\":\"" + skill + "\",\"proficiencyValue\":" + (n % 11) + "}]}";
                send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString(body)), token, patches);
            }
        }

        private void send(HttpRequest.Builder request, String token, AtomicLong counter) {
            long started = System.nanoTime();
            try {
                HttpResponse<String> response = HTTP.send(request.header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    failures.add(request.build().method() + " " + response.statusCode() + " " + response.body());
                }
            } catch (Exception e) {
                failures.add(request.build().method() + " " + e.getClass().getSimpleName());
            } finally {
                counter.incrementAndGet();
                slowestMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
            }
        }
    }
}
