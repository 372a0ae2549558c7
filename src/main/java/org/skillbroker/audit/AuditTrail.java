package org.skillbroker.audit;

import org.skillbroker.state.AuditLog;
import org.skillbroker.state.StoreUnavailableException;
import org.skillbroker.state.StoreWriteException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every attempted change, one JSON line each: to the logger {@code org.skillbroker.audit} (so the container can
 * route it to its own file or collector) and to the shared store's {@link AuditLog} (a size-rotated file or
 * database rows), which answers the status page's latest changes and the history of a profile. A failing store
 * never fails the change; it is reported in the server log.
 *
 * <p>The store is written before the change is answered; the logger gets its copy from another thread
 * ({@link AsyncAuditLogger}), so a stalled console never holds up a request.
 */
public final class AuditTrail implements AutoCloseable {

    public static final String LOGGER = "org.skillbroker.audit";
    private static final System.Logger PROBLEMS = System.getLogger(AuditTrail.class.getName());

    private final AuditLog log;
    private final int keep;
    private final Clock clock;
    private final AsyncAuditLogger logger = new AsyncAuditLogger();

    /** @param keep how many entries {@link #latest()} returns */
    public AuditTrail(AuditLog log, int keep, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.keep = keep;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @param outcome {@code changed}, {@code unchanged} or the kind of problem that refused it */
    public void record(ChangeAttempt attempt, String outcome, int status) {
        AuditEntry entry = AuditEntry.of(clock.instant(), attempt, outcome, status);
        try {
            log.append(entry);
        } catch (StoreWriteException | StoreUnavailableException e) {
            PROBLEMS.log(System.Logger.Level.ERROR, "Cannot store an audit entry ({0}); the logger has it",
                    e.getMessage());
        }
        logger.offer(entry.toJson());
    }

    /** Lines waiting for the logger {@value #LOGGER} (a stalled console fills this up). */
    public int loggerQueued() {
        return logger.queued();
    }

    /** Lines the logger did not get because its queue was full; the store has them. */
    public long loggerDropped() {
        return logger.dropped();
    }

    /** How the store's writing keeps up (fsync groups, back-pressure). */
    public AuditLog.SyncCounts syncCounts() {
        return log.syncCounts();
    }

    /** Stops the logger's thread (undeploy). */
    @Override
    public void close() {
        logger.close();
    }

    /** The latest changes of all nodes, newest first; empty while the store cannot be read. */
    public List<AuditEntry> latest() {
        try {
            // the broker's own events share the trail (EventHistory); they are not changes
            return log.latest(keep * 3).stream().filter(e -> !EventHistory.RESOURCE.equals(e.profileId()))
                    .limit(keep).toList();
        } catch (StoreUnavailableException e) {
            PROBLEMS.log(System.Logger.Level.WARNING, "Cannot read the audit trail ({0})", e.getMessage());
            return List.of();
        }
    }

    /** One profile's changes, newest first, paged by {@code before} (see {@link AuditLog#history}). */
    public List<AuditEntry> history(String profileId, Optional<Instant> before, int limit) {
        return log.history(profileId, before, limit);
    }
}
