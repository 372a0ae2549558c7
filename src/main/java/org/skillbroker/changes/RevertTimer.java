package org.skillbroker.changes;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread per node that asks {@link Changes#runDue()} every {@code checkInterval}. Every node runs it;
 * the leases decide which node does each revert, so a revert due while a node is down is done by another
 * within one interval (plus the lease time, when the dead node held its lease).
 */
public final class RevertTimer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RevertTimer.class.getName());

    private final ScheduledExecutorService executor;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    public RevertTimer(Changes changes, Duration checkInterval) {
        Objects.requireNonNull(changes, "changes");
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "skill-broker-reverts");
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        });
        long millis = checkInterval.toMillis();
        executor.scheduleWithFixedDelay(() -> tick(changes), millis, millis, TimeUnit.MILLISECONDS);
    }

    private static void tick(Changes changes) {
        try {
            changes.runDue();
        } catch (RuntimeException e) {
            // a throwing task would silently cancel every later tick (a store outage, say): try again next time
            LOG.log(System.Logger.Level.WARNING, "Revert check failed: {0}", e.getClass().getName());
        }
    }

    /** Stops the thread and waits for a running tick, so an undeploy leaves no thread behind. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(15, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "Revert thread did not stop within 15 s");
            }
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
