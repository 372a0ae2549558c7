package org.skillbroker.budget;

import org.skillbroker.config.Settings;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A budget counted in fixed windows of the configured period (e.g. 270 calls per clock minute) in this node's
 * memory. Fixed windows, not a token bucket: Contact Center counts its 300 per minute per client id, and a fixed
 * window under that can never exceed it, whatever the bursts.
 */
public final class MinuteBudget implements CallBudget {

    private final Settings.RateLimit limit;
    private final Clock clock;
    private long window = Long.MIN_VALUE;
    private int used;

    public MinuteBudget(Settings.RateLimit limit, Clock clock) {
        this.limit = Objects.requireNonNull(limit, "limit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized Optional<Duration> take() {
        long period = limit.per().toMillis();
        long now = clock.millis();
        long current = Math.floorDiv(now, period);
        if (current != window) {
            window = current;
            used = 0;
        }
        if (used < limit.requests()) {
            used++;
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((current + 1) * period - now));
    }
}
