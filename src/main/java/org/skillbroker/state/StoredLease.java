package org.skillbroker.state;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;

/**
 * A lease held in a shared store, renewing itself while held: what a lease is does not depend on where it is
 * kept. A store says only how to check, extend and release its record ({@link #currentInStore},
 * {@link #extendInStore}, {@link #releaseInStore}); everything else (the fencing token, closing once, stopping
 * the renewal, a release that fails while the store is away) is here, once.
 */
public abstract class StoredLease implements Lease {

    private static final System.Logger LOG = System.getLogger(StoredLease.class.getName());

    private final String name;
    private final String holder;
    private final long token;
    private final Duration ttl;
    private final Clock clock;
    private volatile Instant expiresAt;
    private volatile boolean closed;
    private volatile ScheduledFuture<?> renewing;

    protected StoredLease(String name, String holder, long token, Instant expiresAt, Duration ttl, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.holder = Objects.requireNonNull(holder, "holder");
        this.token = token;
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts renewing every third of the time to live, until closed or found lost. */
    final void keepAlive(LeaseRenewal renewal) {
        renewing = renewal.keepAlive(this, ttl);
    }

    /** Whether the store still records this holder's token for the name, unexpired at {@code now}. */
    protected abstract boolean currentInStore(Instant now);

    /** Extends the store's record to {@code until} if it is still this lease's at {@code now}; false if lost. */
    protected abstract boolean extendInStore(Instant now, Instant until);

    /** Ends the store's record now if it is still this lease's (its token stays counted). */
    protected abstract void releaseInStore();

    protected final String holder() {
        return holder;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final long fencingToken() {
        return token;
    }

    @Override
    public final Instant expiresAt() {
        return expiresAt;
    }

    @Override
    public final boolean isCurrent() {
        return !closed && currentInStore(clock.instant());
    }

    @Override
    public final boolean renew() {
        if (closed) {
            return false;
        }
        Instant now = clock.instant();
        Instant until = now.plus(ttl);
        if (!extendInStore(now, until)) {
            return false;
        }
        expiresAt = until;
        return true;
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        ScheduledFuture<?> r = renewing;
        if (r != null) {
            r.cancel(false);
        }
        try {
            releaseInStore();
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "could not release lease {0}; it expires at {1}: {2}", name,
                    expiresAt, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "Lease[" + name + ", token " + token + "]";
    }
}
