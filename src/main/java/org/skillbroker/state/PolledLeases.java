package org.skillbroker.state;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@link Leases} as every store keeps them: a request is checked, a held name is waited for by asking the store
 * again every few milliseconds, and a lease taken renews itself ({@link StoredLease}, {@link LeaseRenewal}) until
 * closed. A store says only how to take a name that is free or expired, in one step of its own
 * ({@link #tryTake}).
 */
public abstract class PolledLeases implements Leases {

    private static final int MAX_NAME = 200;
    /** "pid@host": tells an operator (and the tests) which process holds a lease. */
    private static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    private final Duration poll;
    private final LeaseRenewal renewal = new LeaseRenewal();

    /** @param poll how long to wait before asking the store again for a held name */
    protected PolledLeases(Duration poll) {
        this.poll = Objects.requireNonNull(poll, "poll");
    }

    /**
     * Takes {@code name} for {@code holder} until {@code ttl} from now if nobody holds it (or its holder's time ran
     * out), with a fencing token larger than every earlier holder's.
     *
     * @return the lease, or empty if someone else holds it
     * @throws StoreUnavailableException when the store cannot be reached
     */
    protected abstract Optional<StoredLease> tryTake(String name, String holder, Duration ttl);

    @Override
    public final Optional<Lease> tryAcquire(String name, Duration ttl, Duration wait) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("a lease name has 1 to " + MAX_NAME + " characters");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a lease needs a positive time to live");
        }
        String holder = holder();
        long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
        while (true) {
            Optional<StoredLease> taken = tryTake(name, holder, ttl);
            if (taken.isPresent()) {
                try {
                    taken.get().keepAlive(renewal);
                } catch (StoreUnavailableException closing) {
                    taken.get().close(); // taken while the store closed: give it back at once
                    throw closing;
                }
                return Optional.of(taken.get());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, poll.toNanos()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** Stops the renewal thread: at undeploy. Leases still held then expire by themselves. */
    public void close() {
        renewal.close();
    }

    /** This process and a random part, at most 200 characters (what a store column holds). */
    private static String holder() {
        String holder = NODE + "/" + UUID.randomUUID();
        return holder.length() > MAX_NAME ? holder.substring(holder.length() - MAX_NAME) : holder;
    }
}
