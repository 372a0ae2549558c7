package org.skillbroker.caller;

import org.skillbroker.simulator.MutableClock;
import org.junit.jupiter.api.Test;
import org.skillbroker.config.Settings;
import org.skillbroker.problem.ApiException;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitsTest {

    private final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-25T10:00:00Z"));
    private final RateLimits limits = new RateLimits(new Settings.RateLimit(3, Duration.ofMinutes(1)),
            new Settings.RateLimit(5, Duration.ofMinutes(1)), clock);

    @Test
    void aCallerPastTheirLimitGets429WithTheSecondsUntilTheNextRequest() {
        for (int i = 0; i < 3; i++) {
            limits.admit("sam");
        }
        ApiException refused = assertThrows(ApiException.class, () -> limits.admit("sam"));

        assertEquals(429, refused.problem().status());
        assertEquals("urn:skill-broker:problem:rate-limited", refused.problem().type());
        assertEquals("20", refused.headers().get("Retry-After"), "one request refills every 20 s at 3/min");
    }

    @Test
    void theBucketRefillsAsTimePasses() {
        for (int i = 0; i < 3; i++) {
            limits.admit("sam");
        }
        clock.advance(Duration.ofSeconds(20));

        assertDoesNotThrow(() -> limits.admit("sam"));
        assertThrows(ApiException.class, () -> limits.admit("sam"));
    }

    @Test
    void theGlobalLimitStopsEveryoneAndARefusedCallerCostsItNothing() {
        for (int i = 0; i < 3; i++) {
            limits.admit("sam");
        }
        assertThrows(ApiException.class, () -> limits.admit("sam")); // per-caller refusal: global untouched
        limits.admit("alex");
        limits.admit("alex");

        ApiException refused = assertThrows(ApiException.class, () -> limits.admit("kim"));
        assertTrue(refused.problem().detail().contains("together"), refused.problem().detail());
        assertEquals("12", refused.headers().get("Retry-After"), "5/min refills one every 12 s");
    }

    @Test
    void aCallerRefusedByTheGlobalLimitKeepsTheirOwnAllowance() {
        RateLimits tight = new RateLimits(new Settings.RateLimit(2, Duration.ofMinutes(1)),
                new Settings.RateLimit(1, Duration.ofMinutes(1)), clock);
        tight.admit("alex");
        assertThrows(ApiException.class, () -> tight.admit("sam"));
        clock.advance(Duration.ofMinutes(1));

        tight.admit("sam");
        clock.advance(Duration.ofMinutes(1));
        assertDoesNotThrow(() -> tight.admit("sam"), "the refused request was given back to sam's bucket");
    }
}
