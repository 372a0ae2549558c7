package org.skillbroker.caller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A small LRU map whose entries expire a fixed time after they were stored. Bounded, so a flood of distinct
 * tokens cannot grow the heap; time comes from the injected clock, so tests move it instead of sleeping.
 */
public final class ExpiringCache<K, V> {

    private record Entry<V>(V value, Instant expiresAt) {
    }

    private final java.util.concurrent.atomic.LongAdder hits = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder misses = new java.util.concurrent.atomic.LongAdder();
    private final Clock clock;
    private final Duration ttl;
    private final LinkedHashMap<K, Entry<V>> entries;

    public ExpiringCache(Clock clock, Duration ttl, int maxEntries) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        // access order: the least recently used entry is the eldest and the first to go
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    public synchronized Optional<V> get(K key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            misses.increment();
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            entries.remove(key);
            misses.increment();
            return Optional.empty();
        }
        hits.increment();
        return Optional.of(entry.value());
    }

    /** Lookups answered from the cache, for the operator's hit ratio. */
    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    public synchronized void put(K key, V value) {
        entries.put(key, new Entry<>(Objects.requireNonNull(value, "value"), clock.instant().plus(ttl)));
    }

    public synchronized void remove(K key) {
        entries.remove(key);
    }

    public synchronized int size() {
        return entries.size();
    }
}
