package org.skillbroker.state;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps held leases alive: every lease is renewed every third of its time to live while its holder has it. So a
 * lease lasts as long as the work it guards (a slow Webex call included), yet outlives a holder that died or
 * stalled (a GC pause stops this thread too) by at most its time to live, after which another node takes it
 * and the stalled one is fenced. One daemon thread per store, stopped when the store is closed.
 */
public final class LeaseRenewal implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LeaseRenewal.class.getName());
    private ScheduledExecutorService executor;
    private boolean closed;

    /** Starts renewing; cancel the returned future when the lease is released. */
    public synchronized ScheduledFuture<?> keepAlive(Lease lease, Duration ttl) {
        if (closed) {
            // the store is closing (undeploy): no new thread the container would find left running
            throw new StoreUnavailableException("the store is closed: the broker is shutting down", null);
        }
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "skillbroker-lease-renewal");
                t.setDaemon(true);
                return t;
            });
        }
        long period = Math.max(10, ttl.toMillis() / 3);
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        self[0] = executor.scheduleAtFixedRate(() -> {
            try {
                if (!lease.renew()) {
                    LOG.log(System.Logger.Level.WARNING, "lease {0} was lost before its holder released it",
                            lease.name());
                    self[0].cancel(false);
                }
            } catch (StoreUnavailableException e) {
                // try again at the next period; if the store stays away the lease expires, as it should
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "renewing lease {0} failed: {1}", lease.name(), e.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
        return self[0];
    }

    /**
     * Stops the thread and waits (briefly) until it has ended: at undeploy the container looks for threads the
     * app left running right after, and a renewal may be in the middle of a store call.
     */
    @Override
    public synchronized void close() {
        closed = true;
        if (executor != null) {
            executor.shutdownNow();
            try {
                if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.log(System.Logger.Level.WARNING, "lease renewal thread still busy after 5 s at shutdown");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
