package org.skillbroker.budget;

import org.junit.jupiter.api.Test;
import org.skillbroker.simulator.MutableClock;
import org.skillbroker.config.Settings;
import org.skillbroker.webex.WebexRateLimitedException;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpstreamGateTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final UpstreamGate gate = new UpstreamGate(
            new MinuteBudget(new Settings.RateLimit(3, Duration.ofMinutes(1)), clock), clock);

    @Test
    void theBudgetHoldsWithinEachMinuteAndSaysWhenThereIsRoomAgain() {
        clock.advance(Duration.ofSeconds(20));
        for (int i = 0; i < 3; i++) {
            gate.beforeCall();
        }
        WebexRateLimitedException spent = assertThrows(WebexRateLimitedException.class, gate::beforeCall);
        assertEquals(Duration.ofSeconds(40), spent.retryAfter());
        clock.advance(Duration.ofSeconds(40));
        gate.beforeCall();
    }

    @Test
    void a429PausesEveryCallUntilRetryAfterHasPassed() {
        gate.rateLimited(Duration.ofSeconds(30));
        assertTrue(gate.paused());
        clock.advance(Duration.ofSeconds(10));
        WebexRateLimitedException paused = assertThrows(WebexRateLimitedException.class, gate::beforeCall);
        assertEquals(Duration.ofSeconds(20), paused.retryAfter());
        gate.rateLimited(Duration.ofSeconds(5)); // a shorter one does not cut the pause short
        clock.advance(Duration.ofSeconds(20));
        assertFalse(gate.paused());
        gate.beforeCall();
    }
}
