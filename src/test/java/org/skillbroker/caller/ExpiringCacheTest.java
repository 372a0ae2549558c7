package org.skillbroker.caller;

import org.skillbroker.simulator.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExpiringCacheTest {

    private final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-25T10:00:00Z"));
    private final ExpiringCache<String, String> cache = new ExpiringCache<>(clock, Duration.ofMinutes(2), 3);

    @Test
    void entryIsServedUntilItsTtlPassesThenForgotten() {
        cache.put("a", "alpha");
        clock.advance(Duration.ofSeconds(119));
        assertEquals(Optional.of("alpha"), cache.get("a"));

        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), cache.get("a"));
        assertEquals(0, cache.size());
    }

    @Test
    void whenFullTheLeastRecentlyUsedEntryGoes() {
        cache.put("a", "1");
        cache.put("b", "2");
        cache.put("c", "3");
        cache.get("a"); // a is now more recent than b

        cache.put("d", "4");

        assertEquals(3, cache.size());
        assertEquals(Optional.empty(), cache.get("b"));
        assertEquals(Optional.of("1"), cache.get("a"));
        assertEquals(Optional.of("4"), cache.get("d"));
    }

    @Test
    void putAgainRestartsTheTtl() {
        cache.put("a", "1");
        clock.advance(Duration.ofSeconds(90));
        cache.put("a", "2");
        clock.advance(Duration.ofSeconds(90));

        assertEquals(Optional.of("2"), cache.get("a"));
    }
}
