package org.skillbroker.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/** CC's per-client-id limit (webex-api.md §6: 300 requests/minute by default), as a sliding 60 s window. */
final class RateLimiter {

    private static final Duration WINDOW = Duration.ofSeconds(60);

    private final SimClock clock;
    private final Map<String, Deque<Instant>> windows = new HashMap<>();
    private int perMinute = 300;

    RateLimiter(SimClock clock) {
        this.clock = clock;
    }

    synchronized void setPerMinute(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("rate limit must be at least 1 per minute");
        }
        perMinute = n;
    }

    synchronized void reset() {
        windows.clear();
    }

    /**
     * Counts the request if allowed. Rejected requests are not counted (CC: "request not processed").
     *
     * @return empty if allowed, otherwise the seconds the client should wait
     */
    synchronized OptionalLong acquire(String clientId) {
        Instant now = clock.now();
        Deque<Instant> window = windows.computeIfAbsent(clientId, k -> new ArrayDeque<>());
        while (!window.isEmpty() && !window.peekFirst().plus(WINDOW).isAfter(now)) {
            window.pollFirst();
        }
        if (window.size() < perMinute) {
            window.addLast(now);
            return OptionalLong.empty();
        }
        long millis = Duration.between(now, window.peekFirst().plus(WINDOW)).toMillis();
        return OptionalLong.of(Math.max(1, (millis + 999) / 1000));
    }
}
