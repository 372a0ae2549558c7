package org.skillbroker.state;

import org.skillbroker.audit.AuditEntry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The shared, append-only audit trail: entries are added, never changed or removed by the broker (the file
 * store rotates by size, a database keeps rows until its operators prune them).
 */
public interface AuditLog {

    /** At most this many entries per query. */
    int MAX_PAGE = 500;

    /** @throws StoreWriteException if the entry could not be stored (the caller logs it; the change stands) */
    void append(AuditEntry entry) throws StoreWriteException;

    /**
     * The entries about one resource (a skill profile id), newest first.
     *
     * @param before only entries strictly older than this (the {@code time} of the last entry of the previous
     *               page), or empty for the newest
     * @param limit  at most this many, capped at {@link #MAX_PAGE}
     */
    List<AuditEntry> history(String resourceId, Optional<Instant> before, int limit);

    /** The newest {@code limit} entries of all resources, newest first (the status page). */
    List<AuditEntry> latest(int limit);

    /** How the writing keeps up, for /metrics; a store that commits each line before answering has nothing pending. */
    default SyncCounts syncCounts() {
        return SyncCounts.NONE;
    }

    /** Releases what the log keeps open (the file store's open file and fsync thread); at undeploy. */
    default void close() {
    }

    /**
     * @param lines    lines written by this node
     * @param unsynced of them, lines not yet fsynced
     * @param fsyncs   group fsyncs made
     * @param waits    appends held back because fsync fell behind (back-pressure)
     */
    record SyncCounts(long lines, long unsynced, long fsyncs, long waits) {
        public static final SyncCounts NONE = new SyncCounts(0, 0, 0, 0);
    }
}
