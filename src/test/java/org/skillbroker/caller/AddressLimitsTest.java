package org.skillbroker.caller;

import org.junit.jupiter.api.Test;
import org.skillbroker.config.Settings;
import org.skillbroker.problem.ApiException;
import org.skillbroker.simulator.MutableClock;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AddressLimitsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T00:00:00Z"));
    private final AddressLimits limits = new AddressLimits(new Settings.RateLimit(30, Duration.ofMinutes(1)), clock);

    @Test
    void oneAddressGetsItsLookupsPerPeriodAndNoMore() {
        for (int i = 0; i < 30; i++) {
            limits.admitLookup("203.0.113.7");
        }
        ApiException refused = assertThrows(ApiException.class, () -> limits.admitLookup("203.0.113.7"));
        assertEquals(429, refused.problem().status());
        assertEquals("2", refused.headers().get("Retry-After"));
        assertDoesNotThrow(() -> limits.admitLookup("198.51.100.1"), "another address has its own bucket");
        assertEquals(1, limits.rejections());

        clock.advance(Duration.ofSeconds(2));
        assertDoesNotThrow(() -> limits.admitLookup("203.0.113.7"));
        assertThrows(ApiException.class, () -> limits.admitLookup("203.0.113.7"));
    }
}
