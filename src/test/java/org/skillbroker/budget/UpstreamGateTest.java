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
    /** The port's budget as a map: the counting across nodes is the state implementations' (their contract suite). */
    private final java.util.Map<Instant, Long> used = new java.util.HashMap<>();
    private boolean storeDown;
    private final UpstreamGate gate = new UpstreamGate(new org.skillbroker.state.CallBudget() {
        @Override
        public boolean tryTake(Instant windowStart, int n, int limit) {
            if (storeDown) {
                throw new org.skillbroker.state.StoreUnavailableException("down", null);
            }
            long now = used.getOrDefault(windowStart, 0L);
            if (now + n > limit) {
                return false;
            }
            used.put(windowStart, now + n);
            return true;
        }

        @Override
        public long used(Instant windowStart) {
            return used.getOrDefault(windowStart, 0L);
        }
    }, new Settings.RateLimit(3, Duration.ofMinutes(1)), clock);

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

    /** A prepaid call is taken from the budget when paid, not when made; the pause after a 429 still holds it. */
    @Test
    void aPrepaidRequestPassesASpentBudgetButNotAPause() {
        Prepaid prepaid = gate.prepay();
        gate.beforeCall();
        gate.beforeCall();
        assertThrows(WebexRateLimitedException.class, gate::beforeCall, "three taken: the budget is spent");
        assertEquals(1L, gate.heldBack());
        assertEquals("made", UpstreamCharge.within(gate, prepaid, () -> {
            UpstreamCharge.beforeRequest(); // paid for
            assertThrows(WebexRateLimitedException.class, UpstreamCharge::beforeRequest, "spent once only");
            return "made";
        }));
        assertEquals(3.0, gate.usedInWindow());
        clock.advance(Duration.ofMinutes(1));
        Prepaid paused = gate.prepay();
        gate.rateLimited(Duration.ofSeconds(5));
        assertThrows(WebexRateLimitedException.class, () -> UpstreamCharge.within(gate, paused, () -> {
            UpstreamCharge.beforeRequest();
            return null;
        }));
    }

    /** One store write per thirtieth of the window's budget, whatever the budget: not one per ten calls. */
    @Test
    void callsAreTakenFromTheSharedBudgetAThirtiethOfTheWindowAtATime() {
        java.util.List<Integer> takes = new java.util.ArrayList<>();
        UpstreamGate large = new UpstreamGate(new org.skillbroker.state.CallBudget() {
            @Override
            public boolean tryTake(Instant windowStart, int n, int limit) {
                takes.add(n);
                return true;
            }

            @Override
            public long used(Instant windowStart) {
                return takes.stream().mapToLong(Integer::longValue).sum();
            }
        }, new Settings.RateLimit(300_000, Duration.ofMinutes(1)), clock);
        for (int i = 0; i < 10_001; i++) {
            large.beforeCall();
        }
        assertEquals(java.util.List.of(10_000, 10_000), takes, "two store writes for 10 001 calls");
    }

    @Test
    void whileTheSharedStoreCannotCountTheNodeTakesHalfTheBudget() {
        storeDown = true;
        gate.beforeCall(); // 3 / 2 = 1 call alone
        assertThrows(WebexRateLimitedException.class, gate::beforeCall);
        clock.advance(Duration.ofMinutes(1));
        gate.beforeCall();
        storeDown = false;
        gate.beforeCall();
        gate.beforeCall();
    }

    @Test
    void aStoreThatStopsCountingMidWindowAddsNothingToWhatTheNodeAlreadyTook() {
        for (int i = 0; i < 3; i++) {
            gate.beforeCall();
        }
        storeDown = true; // e.g. the store's lock not had in time on a loaded machine
        assertThrows(WebexRateLimitedException.class, gate::beforeCall, "the window's budget is spent already");
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
