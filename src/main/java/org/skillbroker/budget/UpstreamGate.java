package org.skillbroker.budget;

import org.skillbroker.webex.WebexRateLimitedException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What every Contact Center call with the integration's token passes first: the budget (all nodes share one), and
 * the pause after a 429. When Contact Center answers 429 the node makes no call until {@code Retry-After} has
 * passed, instead of retrying into the limit; callers meanwhile get 503 with the time left as their Retry-After
 * (the same {@link WebexRateLimitedException} a 429 itself becomes), so the widget waits instead of hammering.
 */
public final class UpstreamGate {

    private final CallBudget budget;
    private final Clock clock;
    private volatile Instant pausedUntil = Instant.MIN;

    public UpstreamGate(CallBudget budget, Clock clock) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws WebexRateLimitedException when paused after a 429, or when the budget is spent */
    public void beforeCall() {
        Instant now = clock.instant();
        Instant until = pausedUntil;
        if (now.isBefore(until)) {
            throw new WebexRateLimitedException(roundUp(Duration.between(now, until)), null);
        }
        Optional<Duration> wait = budget.take();
        if (wait.isPresent()) {
            throw new WebexRateLimitedException(roundUp(wait.get()), null);
        }
    }

    /** Contact Center answered 429: no call until {@code retryAfter} has passed. */
    public void rateLimited(Duration retryAfter) {
        Instant until = clock.instant().plus(retryAfter);
        synchronized (this) {
            if (until.isAfter(pausedUntil)) {
                pausedUntil = until;
            }
        }
    }

    /** Whether calls are paused after a 429, for /health and /metrics. */
    public boolean paused() {
        return clock.instant().isBefore(pausedUntil);
    }

    private static Duration roundUp(Duration d) {
        long seconds = (d.toMillis() + 999) / 1000;
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
