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
import java.util.concurrent.atomic.LongAdder;

/**
 * How often one client address may make the broker ask Webex who a token belongs to ({@code people/me}). Taken
 * only when the answer is not cached, before the call: a stranger sending random tokens costs Webex at most this
 * many calls per address and period, and nothing more (rejected tokens are remembered, see {@link CallerGate}).
 * Supervisors are rarely affected: each one's token is looked up once per identity-cache lifetime. Behind a proxy
 * that hides client addresses every caller shares the proxy's one address, so the container must restore them
 * (Tomcat's {@code RemoteIpValve}); until it does, this limit applies to everyone together, which fails closed.
 */
public final class AddressLimits {

    private static final int MAX_ADDRESSES = 10_000;

    private final Settings.RateLimit limit;
    private final Clock clock;
    private final Map<String, TokenBucket> buckets = new HashMap<>();
    private final LongAdder rejections = new LongAdder();

    public AddressLimits(Settings.RateLimit limit, Clock clock) {
        this.limit = Objects.requireNonNull(limit, "limit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws ApiException 429 with {@code Retry-After} when this address has used up its lookups */
    public synchronized void admitLookup(String address) {
        Instant now = clock.instant();
        TokenBucket bucket = buckets.get(address);
        if (bucket == null) {
            forgetIdle(now);
            bucket = new TokenBucket(limit, now);
            buckets.put(address, bucket);
        }
        Optional<Duration> wait = bucket.take(now);
        if (wait.isPresent()) {
            rejections.increment();
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw ApiException.of("rate-limited", "Too many requests", 429,
                    "Too many unknown tokens from this address. Try again in " + seconds + " s.")
                    .withHeader("Retry-After", Long.toString(seconds));
        }
    }

    /** Lookups refused, for /metrics. */
    public long rejections() {
        return rejections.sum();
    }

    private void forgetIdle(Instant now) {
        if (buckets.size() < MAX_ADDRESSES) {
            return;
        }
        for (Iterator<TokenBucket> it = buckets.values().iterator(); it.hasNext(); ) {
            if (it.next().full(now)) {
                it.remove();
            }
        }
        if (buckets.size() >= MAX_ADDRESSES) {
            buckets.clear(); // a flood from very many addresses: start afresh rather than grow without bound
        }
    }
}
