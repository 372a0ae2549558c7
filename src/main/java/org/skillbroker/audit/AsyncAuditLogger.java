package org.skillbroker.audit;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands audit lines to the logger {@code org.skillbroker.audit} on a thread of its own, through a bounded queue, so
 * that no request waits on a log: a container's console handler writes under one lock to stdout, and a stalled
 * reader of stdout (a paused pipe, a full terminal) would otherwise block every request that logs.
 *
 * <p>The logger gets a copy; the record is the store's {@link org.skillbroker.state.AuditLog}, written before the
 * change is answered. When the queue is full (the console has stalled for {@link #CAPACITY} lines), a line is not
 * queued and counted in {@link #dropped()} ({@code skillbroker_audit_logger_dropped_total}); the store still has it.
 *
 * <p>Lines are logged with their source named ({@link Logger#logp}), so no log record walks the stack to find it.
 */
final class AsyncAuditLogger implements AutoCloseable {

    static final int CAPACITY = 4_096;
    private static final Logger LOG = Logger.getLogger(AuditTrail.LOGGER);

    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private Thread thread; // guarded by this; started with the first line
    private boolean closed; // guarded by this

    void offer(String line) {
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
        }
        start();
    }

    private synchronized void start() {
        if (thread == null && !closed) {
            thread = new Thread(this::drain, "skill-broker-audit-logger");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void drain() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                LOG.logp(Level.INFO, AuditTrail.class.getName(), "record", queue.take());
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** Lines waiting for the logger. */
    int queued() {
        return queue.size();
    }

    /** Lines the logger never got because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    /**
     * Stops the thread (undeploy); lines still queued are in the store, not repeated on the console. Waits a little
     * for it to end (one console write at most; bounded, since a stalled console must not hold the undeploy), as
     * Tomcat reports a web app's thread still running after contextDestroyed as a leak.
     */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
