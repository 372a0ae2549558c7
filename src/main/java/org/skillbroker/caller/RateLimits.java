package org.skillbroker.caller;

import org.skillbroker.config.Settings;
import org.skillbroker.problem.ApiException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The broker's own limits, per caller and in total, set below Contact Center's 300 requests/minute per client id
 * (webex-api.md §6): every supervisor shares the admin's client id, so one busy widget must not use up everyone's
 * budget, and the broker answers 429 itself instead of letting Webex do it. In memory, per node.
 */
public final class RateLimits {

    /** Callers tracked at most; full (idle) buckets are dropped first, as they carry no state worth keeping. */
    private static final int MAX_CALLERS = 10_000;

    private final Settings.RateLimit perCaller;
    private final Clock clock;
    private final java.util.concurrent.atomic.LongAdder perCallerRejections = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder globalRejections = new java.util.concurrent.atomic.LongAdder();
    private final TokenBucket global;
    private final Map<String, TokenBucket> callers = new HashMap<>();

    public RateLimits(Settings.RateLimit perCaller, Settings.RateLimit global, Clock clock) {
        this.perCaller = Objects.requireNonNull(perCaller, "perCaller");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.global = new TokenBucket(Objects.requireNonNull(global, "global"), clock.instant());
    }

    /**
     * Takes one request from the caller's bucket and from the global one.
     *
     * @throws ApiException 429 with {@code Retry-After} when either is empty (nothing is taken then)
     */
    /** Requests refused by a caller's own limit. */
    public long perCallerRejections() {
        return perCallerRejections.sum();
    }

    /** Requests refused by the limit all callers share. */
    public long globalRejections() {
        return globalRejections.sum();
    }

    public synchronized void admit(String personUuid) {
        Instant now = clock.instant();
        TokenBucket mine = callers.get(personUuid);
        if (mine == null) {
            forgetIdle(now);
            mine = new TokenBucket(perCaller, now);
            callers.put(personUuid, mine);
        }
        Optional<Duration> wait = mine.take(now);
        if (wait.isPresent()) {
            perCallerRejections.increment();
            throw limited("You are sending changes faster than the broker allows", wait.get());
        }
        wait = global.take(now);
        if (wait.isPresent()) {
            mine.giveBack();
            globalRejections.increment();
            throw limited("Supervisors together are sending more than the broker allows", wait.get());
        }
    }

    private void forgetIdle(Instant now) {
        if (callers.size() < MAX_CALLERS) {
            return;
        }
        for (Iterator<TokenBucket> it = callers.values().iterator(); it.hasNext(); ) {
            if (it.next().full(now)) {
                it.remove();
            }
        }
        if (callers.size() >= MAX_CALLERS) {
            callers.clear(); // everyone busy at once: start afresh rather than grow without bound
        }
    }

    private static ApiException limited(String what, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return ApiException.of("rate-limited", "Too many requests", 429,
                        what + ". Try again in " + seconds + " s.")
                .withHeader("Retry-After", Long.toString(seconds));
    }
}
