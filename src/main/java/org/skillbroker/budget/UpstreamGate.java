package org.skillbroker.budget;

import org.skillbroker.config.Settings;
import org.skillbroker.state.CallBudget;
import org.skillbroker.state.StoreUnavailableException;
import org.skillbroker.webex.WebexRateLimitedException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What every Contact Center call with the integration's token passes first: the budget, which all nodes share
 * through the cluster state (counted in fixed windows of the configured period, e.g. per clock minute: Contact
 * Center counts 300 a minute per client id, and fixed windows under that never exceed it, whatever the bursts),
 * and the pause after a 429. When Contact Center answers 429 the node makes no call until {@code Retry-After} has
 * passed, instead of retrying into the limit; callers meanwhile get 503 with the time left as their Retry-After
 * (the same {@link WebexRateLimitedException} a 429 itself becomes), so the widget waits instead of hammering.
 */
public final class UpstreamGate {

    private final CallBudget budget;
    private final Settings.RateLimit limit;
    private final Clock clock;
    private final int chunk;
    private volatile Instant pausedUntil = Instant.MIN;
    private long window = Long.MIN_VALUE;
    private int inHand;
    /** Calls this node made in the current window, from the shared budget or on its own. */
    private int taken;
    private final java.util.concurrent.atomic.AtomicLong heldBack = new java.util.concurrent.atomic.AtomicLong();

    public UpstreamGate(CallBudget budget, Settings.RateLimit limit, Clock clock) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.limit = Objects.requireNonNull(limit, "limit");
        this.clock = Objects.requireNonNull(clock, "clock");
        // calls are taken from the shared budget a thirtieth of the window at a time (one store write each time):
        // 9 at Contact Center's own limit, so two nodes leave at most a few calls of a window unused; a budget
        // raised far above it (a higher limit agreed with Cisco) costs no more store writes a minute
        this.chunk = Math.max(1, limit.requests() / 30);
    }

    /** @throws WebexRateLimitedException when paused after a 429, or when the budget of the window is spent */
    public void beforeCall() {
        beforePrepaidCall();
        Instant now = clock.instant();
        long period = limit.per().toMillis();
        long current = Math.floorDiv(now.toEpochMilli(), period) * period;
        if (!take(current)) {
            heldBack.incrementAndGet();
            throw WebexRateLimitedException.heldBack(roundUp(Duration.ofMillis(current + period - now.toEpochMilli())));
        }
    }

    /**
     * Takes one call of the window now, for a request made later that must not be refused by the budget then.
     *
     * @throws WebexRateLimitedException as {@link #beforeCall()}
     */
    public Prepaid prepay() {
        beforeCall();
        return new Prepaid();
    }

    /** Before a request already paid for: only the pause after a 429 holds it back. */
    void beforePrepaidCall() {
        Instant now = clock.instant();
        Instant until = pausedUntil;
        if (now.isBefore(until)) {
            heldBack.incrementAndGet();
            throw WebexRateLimitedException.heldBack(roundUp(Duration.between(now, until)));
        }
    }

    /** One call of the window: from the calls in hand, else a few more from the shared budget, else the last one. */
    private synchronized boolean take(long current) {
        if (window != current) {
            window = current;
            inHand = 0;
            taken = 0;
        }
        if (inHand == 0) {
            Instant start = Instant.ofEpochMilli(current);
            try {
                if (chunk > 1 && budget.tryTake(start, chunk, limit.requests())) {
                    inHand = chunk;
                } else if (budget.tryTake(start, 1, limit.requests())) {
                    inHand = 1;
                } else {
                    return false;
                }
            } catch (StoreUnavailableException e) {
                // the shared store cannot count (an outage, or its lock not had in time on a loaded machine): this
                // node allows itself half the window's budget, counting what it already took, so two nodes on their
                // own stay within it, one node never exceeds it, and reads go on while the store is away
                if (taken >= Math.max(1, limit.requests() / 2)) {
                    return false;
                }
                taken++;
                return true;
            }
        }
        inHand--;
        taken++;
        return true;
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

    /** Calls all nodes took in the current window, from the shared store; NaN while it cannot be read. */
    public double usedInWindow() {
        long period = limit.per().toMillis();
        try {
            return budget.used(Instant.ofEpochMilli(Math.floorDiv(clock.instant().toEpochMilli(), period) * period));
        } catch (StoreUnavailableException e) {
            return Double.NaN;
        }
    }

    /** The calls all nodes may take per window. */
    public int limit() {
        return limit.requests();
    }

    /** Calls this node held back (budget spent, or paused after a 429) since it started. */
    public long heldBack() {
        return heldBack.get();
    }

    /** Whether calls are paused after a 429. */
    public boolean paused() {
        return clock.instant().isBefore(pausedUntil);
    }

    private static Duration roundUp(Duration d) {
        long seconds = (d.toMillis() + 999) / 1000;
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
