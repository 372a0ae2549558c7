package org.skillbroker.caller;

import org.skillbroker.config.Settings;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A token bucket: holds up to {@code requests} tokens, refilled evenly over {@code per}; each request takes one.
 * Not thread-safe on its own: {@link RateLimits} guards it.
 */
final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private Instant updated;

    TokenBucket(Settings.RateLimit limit, Instant now) {
        this.capacity = limit.requests();
        this.perNano = limit.requests() / (double) limit.per().toNanos();
        this.tokens = capacity;
        this.updated = now;
    }

    /** @return empty when a token was taken, otherwise how long until one will be there */
    Optional<Duration> take(Instant now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano)));
    }

    /** Gives back a token taken for a request that was refused for another reason before costing anything. */
    void giveBack() {
        tokens = Math.min(capacity, tokens + 1);
    }

    boolean full(Instant now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(Instant now) {
        if (now.isAfter(updated)) {
            tokens = Math.min(capacity, tokens + Duration.between(updated, now).toNanos() * perNano);
            updated = now;
        }
    }
}
