package org.skillbroker.alert;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The watch's own daemon thread: runs the administrator re-check and the alert conditions every interval, apart
 * from the refresher's thread so that nothing here can delay a refresh.
 */
public final class WatchTimer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WatchTimer.class.getName());

    private final ScheduledExecutorService executor;
    private final List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();

    public WatchTimer(List<Runnable> tasks, Duration interval) {
        List<Runnable> copy = List.copyOf(tasks);
        Objects.requireNonNull(interval, "interval");
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "skill-broker-watch");
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> copy.forEach(WatchTimer::run), interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // a throwing task would cancel every later tick
            LOG.log(System.Logger.Level.ERROR, "Watch task failed: {0}", e.getClass().getName());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(15, TimeUnit.SECONDS);
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
