package org.skillbroker.token;

import org.junit.jupiter.api.Test;
import org.skillbroker.config.Settings;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RefreshPolicyTest {

    static final Settings.Refresh SETTINGS = new Settings.Refresh(0.75, Duration.ofHours(24), Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofDays(14));
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    private final RefreshPolicy policy = new RefreshPolicy(SETTINGS, () -> 0.999999);

    private static TokenSet tokens(Duration accessLifetime, Duration refreshLifetime) {
        return new TokenSet("a", T0.plus(accessLifetime), "r", T0.plus(refreshLifetime), Set.of(), T0);
    }

    @Test
    void contactCenterTwelveHourTokenIsDueAfterNineHours() {
        TokenSet tokens = tokens(Duration.ofSeconds(43199), Duration.ofDays(60));
        assertEquals(T0.plusMillis((long) (43199_000 * 0.75)), policy.dueAt(tokens));
        assertFalse(policy.isDue(tokens, T0.plus(Duration.ofHours(8))));
        assertTrue(policy.isDue(tokens, T0.plus(Duration.ofHours(9).plusMinutes(1))));
    }

    @Test
    void fourteenDayTokenIsStillRefreshedDaily() {
        TokenSet tokens = tokens(Duration.ofDays(14), Duration.ofDays(90));
        assertEquals(T0.plus(Duration.ofHours(24)), policy.dueAt(tokens));
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        assertEquals(30, policy.backoff(1, null).toSeconds(), 1);
        assertEquals(60, policy.backoff(2, null).toSeconds(), 1);
        assertEquals(120, policy.backoff(3, null).toSeconds(), 1);
        assertEquals(1800, policy.backoff(12, null).toSeconds(), 1);
        assertEquals(1800, policy.backoff(1000, null).toSeconds(), 1);
    }

    @Test
    void backoffJitterStaysWithinHalfToFull() {
        RefreshPolicy low = new RefreshPolicy(SETTINGS, () -> 0.0);
        assertEquals(Duration.ofSeconds(15), low.backoff(1, null));
        assertEquals(Duration.ofSeconds(60), low.backoff(3, null));
    }

    @Test
    void retryAfterIsAFloor() {
        assertEquals(Duration.ofSeconds(600), policy.backoff(1, Duration.ofSeconds(600)));
    }

    @Test
    void warnsInsideTheHorizonOnly() {
        TokenSet tokens = tokens(Duration.ofHours(12), Duration.ofDays(60));
        assertFalse(policy.refreshTokenExpiresSoon(tokens, T0.plus(Duration.ofDays(45))));
        assertTrue(policy.refreshTokenExpiresSoon(tokens, T0.plus(Duration.ofDays(46))));
    }
}
