package org.skillbroker.token;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The timer: one daemon thread that asks the refresher every {@code checkInterval} whether anything is due.
 * It only calls {@link TokenRefresher#refreshDue()}, so the schedule itself is tested without a timer.
 */
public final class RefreshTimer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RefreshTimer.class.getName());

    private final ScheduledExecutorService executor;
    /** The pool's threads (one, or a replacement after an Error), joined on close. */
    private final java.util.List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();

    public RefreshTimer(TokenRefresher refresher, Duration checkInterval) {
        this(refresher, checkInterval, outcome -> { });
    }

    /** @param listener told of every tick's outcome (the event history), on the timer's thread */
    public RefreshTimer(TokenRefresher refresher, Duration checkInterval,
                        java.util.function.Consumer<RefreshOutcome> listener) {
        Objects.requireNonNull(refresher, "refresher");
        Objects.requireNonNull(listener, "listener");
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "skill-broker-refresher");
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        });
        long millis = checkInterval.toMillis();
        executor.scheduleWithFixedDelay(() -> tick(refresher, listener), 0, millis, TimeUnit.MILLISECONDS);
    }

    private static void tick(TokenRefresher refresher, java.util.function.Consumer<RefreshOutcome> listener) {
        try {
            listener.accept(refresher.refreshDue());
        } catch (RuntimeException e) {
            // A throwing task would silently cancel every later tick.
            LOG.log(System.Logger.Level.ERROR, "Refresh check failed: {0}", e.getClass().getName());
        }
    }

    /** Stops the thread and waits for a running tick, so an undeploy leaves no thread behind. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(15, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "Refresher thread did not stop within 15 s");
            }
            // A terminated pool may still have its worker thread alive for a moment (it signals termination on
            // its way out). Tomcat checks for live threads right after contextDestroyed and would report a leak
            // (found by the real-Tomcat smoke test), so wait for the thread itself too.
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
