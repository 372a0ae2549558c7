package org.skillbroker.caller;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded map whose entries expire a fixed time after they were stored. Bounded, so a flood of distinct tokens
 * cannot grow the heap: beyond {@code maxEntries} the least recently used entries go (expired ones first). Time
 * comes from the injected clock, so tests move it instead of sleeping.
 *
 * <p>No lock on a lookup: every request of every caller reads these caches, so a hit is one concurrent-map read
 * and one write of the entry's use stamp. Only a put that overflows the bound trims, under a lock, down to 90 %
 * of it, so a flood pays for a trim once per tenth of the bound, not once per entry.
 */
public final class ExpiringCache<K, V> {

    private static final class Entry<V> {
        final V value;
        final long expiresAtMillis;
        volatile long used;

        Entry(V value, long expiresAtMillis, long used) {
            this.value = value;
            this.expiresAtMillis = expiresAtMillis;
            this.used = used;
        }
    }

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final Clock clock;
    private final long ttlMillis;
    private final int maxEntries;
    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Object trimming = new Object();

    public ExpiringCache(Clock clock, Duration ttl, int maxEntries) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttlMillis = Objects.requireNonNull(ttl, "ttl").toMillis();
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
    }

    public Optional<V> get(K key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            misses.increment();
            return Optional.empty();
        }
        if (clock.millis() >= entry.expiresAtMillis) {
            entries.remove(key, entry);
            misses.increment();
            return Optional.empty();
        }
        entry.used = System.nanoTime(); // a stamp per thread, no shared counter
        hits.increment();
        return Optional.of(entry.value);
    }

    /** Lookups answered from the cache, for the operator's hit ratio. */
    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    public void put(K key, V value) {
        entries.put(key, new Entry<>(Objects.requireNonNull(value, "value"), clock.millis() + ttlMillis,
                System.nanoTime()));
        if (entries.size() > maxEntries) {
            trim();
        }
    }

    /** Drops expired entries, then the least recently used, down to 90 % of the bound. */
    private void trim() {
        synchronized (trimming) {
            if (entries.size() <= maxEntries) {
                return;
            }
            long now = clock.millis();
            entries.values().removeIf(e -> now >= e.expiresAtMillis);
            int target = maxEntries - maxEntries / 10;
            int excess = entries.size() - target;
            if (excess <= 0) {
                return;
            }
            List<Map.Entry<K, Entry<V>>> all = new ArrayList<>(entries.entrySet());
            all.sort(Comparator.comparingLong(e -> e.getValue().used));
            for (int i = 0; i < excess && i < all.size(); i++) {
                entries.remove(all.get(i).getKey(), all.get(i).getValue());
            }
        }
    }

    public void remove(K key) {
        entries.remove(key);
    }

    public int size() {
        return entries.size();
    }
}
