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
 */
public final class AuditTrail {

    public static final String LOGGER = "org.skillbroker.audit";
    private static final System.Logger LOG = System.getLogger(LOGGER);
    private static final System.Logger PROBLEMS = System.getLogger(AuditTrail.class.getName());

    private final AuditLog log;
    private final int keep;
    private final Clock clock;

    /** @param keep how many entries {@link #latest()} returns */
    public AuditTrail(AuditLog log, int keep, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.keep = keep;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @param outcome {@code changed}, {@code unchanged} or the kind of problem that refused it */
    public void record(ChangeAttempt attempt, String outcome, int status) {
        AuditEntry entry = AuditEntry.of(clock.instant(), attempt, outcome, status);
        LOG.log(System.Logger.Level.INFO, entry.toJson());
        try {
            log.append(entry);
        } catch (StoreWriteException | StoreUnavailableException e) {
            PROBLEMS.log(System.Logger.Level.ERROR, "Cannot store an audit entry ({0}); the logger has it",
                    e.getMessage());
        }
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
