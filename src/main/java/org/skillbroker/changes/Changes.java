package org.skillbroker.changes;

import org.skillbroker.audit.AuditEntry;
import org.skillbroker.audit.AuditTrail;
import org.skillbroker.audit.ChangeAttempt;
import org.skillbroker.caller.Caller;
import org.skillbroker.problem.ApiException;
import org.skillbroker.problem.Problem;
import org.skillbroker.problem.ProblemMapper;
import org.skillbroker.state.AuditLog;
import org.skillbroker.state.Lease;
import org.skillbroker.state.Leases;
import org.skillbroker.state.PendingRevert;
import org.skillbroker.state.PendingReverts;
import org.skillbroker.state.StoreUnavailableException;
import org.skillbroker.state.StoreWriteException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * History, undo and timed reverts, once for every kind of resource ({@link Changeable}). Everything shared goes
 * through the cluster-state port: the audit trail is the history, pending reverts live in
 * {@link PendingReverts}, and the lease {@code revert:<change id>} makes exactly one node revert a change, fenced
 * before every write (a node that stalled past its lease writes nothing).
 *
 * <p>A revert is done by: take the lease, read the pending revert again (another node may have done it), restore
 * the fields that are still as the change left them, audit, remove it. A node that dies between the write and
 * the removal leaves it pending; the next node finds the values already restored and writes nothing.
 */
public final class Changes {

    private static final System.Logger LOG = System.getLogger(Changes.class.getName());
    /** How long a caller's "revert now" waits for a revert of the same change running elsewhere. */
    private static final Duration CALLER_WAIT = Duration.ofSeconds(5);
    public static final int DEFAULT_PAGE = 20;
    public static final int MAX_PAGE = 100;

    /** Outcomes of a caller's change the history offers to undo (something was written). */
    private static final Set<String> UNDOABLE = Set.of("changed", "reverted");

    private final Map<String, Changeable> kinds = new ConcurrentHashMap<>();
    private final AuditTrail audit;
    private final AuditLog log;
    private final PendingReverts reverts;
    private final Leases leases;
    private final Duration leaseTtl;
    private final Duration maxAhead;
    private final Duration overdueAfter;
    private final Clock clock;
    private final ChangeMetrics metrics;
    /** Reverts whose failure this node has audited already: one audit line per failing revert, not per tick. */
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

    public Changes(AuditTrail audit, AuditLog log, PendingReverts reverts, Leases leases, Duration leaseTtl,
                   Duration maxAhead, Duration overdueAfter, Clock clock, ChangeMetrics metrics) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.log = Objects.requireNonNull(log, "log");
        this.reverts = Objects.requireNonNull(reverts, "reverts");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.leaseTtl = Objects.requireNonNull(leaseTtl, "leaseTtl");
        this.maxAhead = Objects.requireNonNull(maxAhead, "maxAhead");
        this.overdueAfter = Objects.requireNonNull(overdueAfter, "overdueAfter");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Adds a kind of resource; its pending reverts are done from now on (a node that lacks it leaves them). */
    public Changes register(Changeable kind) {
        kinds.put(kind.kind(), kind);
        return this;
    }

    public static String leaseName(String changeId) {
        return "revert:" + changeId;
    }

    // ---- timed changes ----

    /** @throws ApiException 400 {@code invalid-until} unless {@code until} is in the future and within the limit */
    public Instant checkUntil(Instant until) {
        Instant now = clock.instant();
        if (!until.isAfter(now)) {
            throw ApiException.of("invalid-until", "Revert time in the past", 400,
                    "until must be a time in the future.").with("field", "until");
        }
        if (until.isAfter(now.plus(maxAhead))) {
            throw ApiException.of("invalid-until", "Revert time too far ahead", 400,
                    "until may be at most " + maxAhead + " ahead (skillbroker.reverts.max-ahead).")
                    .with("field", "until").with("maxAhead", maxAhead.toString());
        }
        return until;
    }

    public Duration maxAhead() {
        return maxAhead;
    }

    /**
     * After a timed change was written: keeps its revert in the shared store. If the store cannot keep it, the
     * change is set back at once (a timed change must not become a lasting one) and the caller is told.
     *
     * @throws ApiException 503 {@code revert-not-stored} when it could not be stored
     */
    public void schedule(Changeable kind, ChangeAttempt attempt, Instant until) {
        attempt.until(until);
        PendingChange pending = new PendingChange(attempt.changeId(), until, kind.kind(), attempt.resourceId(),
                attempt.resourceName(), attempt.personId(), attempt.email(), attempt.name(), attempt.org(),
                clock.instant(), attempt.changes());
        try {
            reverts.put(pending.toRevert());
            metrics.revert(ChangeMetrics.SCHEDULED);
        } catch (StoreWriteException | StoreUnavailableException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, "Cannot store the revert of change {0} ({1}); setting it back now",
                    attempt.changeId(), e.getMessage());
            ChangeAttempt back = systemAttempt(pending, "revert", "");
            try {
                Changeable.Restored restored = kind.restore(pending.resourceId(), pending.changes(),
                        Changeable.Policy.EACH, () -> true, back);
                back.changes(reversed(restored.restored()));
                audit.record(back, restored.restored().isEmpty() ? "superseded" : "reverted", 200);
            } catch (RuntimeException failed) {
                ApiException problem = ProblemMapper.translate(failed);
                audit.record(back, kindOf(problem), problem.problem().status());
            }
            throw ApiException.of("revert-not-stored", "The change could not be made temporary", 503,
                    "The broker could not store when to set this change back, so it has set it back now. Try "
                            + "again in a moment.").withHeader("Retry-After", "5");
        }
    }

    // ---- history ----

    /** One page of a resource's history, newest first, and the pending reverts of the changes on it. */
    public record Page(List<AuditEntry> items, Optional<Instant> next, Map<String, Instant> pendingRevertAt) {
    }

    public Page history(Changeable kind, String resourceId, Optional<Instant> before, int limit) {
        int max = Math.max(1, Math.min(limit, MAX_PAGE));
        List<AuditEntry> page = log.history(resourceId, before, max);
        List<AuditEntry> items = page.stream().filter(e -> e.kind().equals(kind.kind())).toList();
        Optional<Instant> next = page.size() < max ? Optional.empty()
                : Optional.of(page.get(page.size() - 1).time());
        Map<String, Instant> pending = new java.util.HashMap<>();
        for (PendingChange p : pending(kind, resourceId)) {
            pending.put(p.id(), p.dueAt());
        }
        return new Page(items, next, pending);
    }

    /** Whether the history offers to undo this entry. */
    public static boolean undoable(AuditEntry entry) {
        return UNDOABLE.contains(entry.outcome()) && !entry.changes().isEmpty() && !entry.changeId().isEmpty();
    }

    // ---- undo ----

    /**
     * Sets a resource back to the values from before one of its changes, as a new audited change by the caller;
     * all fields or none. The change is looked for among the resource's latest {@link AuditLog#MAX_PAGE} entries.
     *
     * @throws ApiException 404 {@code change-not-found}, 409 {@code not-undoable}, 409 {@code moved-on}
     */
    public ChangeAttempt undo(Changeable kind, Caller caller, String resourceId, String changeId, String clientAddress) {
        AuditEntry original = log.history(resourceId, Optional.empty(), AuditLog.MAX_PAGE).stream()
                .filter(e -> e.kind().equals(kind.kind()) && e.changeId().equals(changeId)).findFirst()
                .orElseThrow(() -> ApiException.of("change-not-found", "Change not found", 404,
                        "This change is not among the latest changes of this resource."));
        if (!undoable(original)) {
            metrics.undo("refused");
            throw ApiException.of("not-undoable", "Nothing to undo", 409,
                    "Only a change that was saved can be undone; this one ended as \"" + original.outcome() + "\".");
        }
        ChangeAttempt attempt = new ChangeAttempt(clientAddress);
        attempt.caller(caller.identity().personUuid(), caller.identity().email(), caller.identity().displayName(),
                caller.identity().orgUuid());
        attempt.resource(kind.kind(), resourceId, original.resourceName());
        attempt.cause("undo", changeId);
        attempt.changes(reversed(original.changes()));
        try {
            Changeable.Restored restored = kind.restore(resourceId, original.changes(), Changeable.Policy.ALL,
                    () -> true, attempt);
            attempt.changes(reversed(restored.restored()));
            audit.record(attempt, restored.written() ? "changed" : "unchanged", 200);
            metrics.undo("done");
        } catch (RuntimeException e) {
            ApiException problem = ProblemMapper.translate(e);
            audit.record(attempt, kindOf(problem), problem.problem().status());
            metrics.undo("refused");
            throw problem;
        }
        // an undone timed change has nothing left to revert
        try {
            if (reverts.remove(changeId)) {
                metrics.revert(ChangeMetrics.CANCELLED);
            }
        } catch (StoreWriteException | StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "Pending revert {0} stays after its undo ({1}); it will find the "
                    + "values restored and write nothing", changeId, e.getMessage());
        }
        return attempt;
    }

    // ---- pending reverts ----

    /** The pending reverts of one resource, earliest first. */
    public List<PendingChange> pending(Changeable kind, String resourceId) {
        return pendingAll().stream().filter(p -> p.kind().equals(kind.kind()) && p.resourceId().equals(resourceId))
                .toList();
    }

    /** Every pending revert readable as ours, earliest first (the status page, /health). */
    public List<PendingChange> pendingAll() {
        List<PendingChange> all = new ArrayList<>();
        for (PendingRevert r : reverts.list()) {
            try {
                all.add(PendingChange.of(r));
            } catch (IllegalArgumentException e) {
                // not ours: left to whoever wrote it
            }
        }
        return all;
    }

    /** Pending reverts whose time passed more than {@code overdueAfter} ago (none normally). */
    public List<PendingChange> overdue() {
        return overdue(pendingAll());
    }

    /** Those of {@code pending} whose time passed more than {@code overdueAfter} ago: one store read for both. */
    public List<PendingChange> overdue(List<PendingChange> pending) {
        Instant limit = clock.instant().minus(overdueAfter);
        return pending.stream().filter(p -> p.dueAt().isBefore(limit)).toList();
    }

    /**
     * A caller cancels a pending revert: the change stays as it is.
     *
     * @throws ApiException 404 {@code revert-not-found} when it is not (or no longer) pending for this resource
     */
    public void cancel(Changeable kind, Caller caller, String resourceId, String revertId, String clientAddress) {
        PendingChange pending = pendingOf(kind, resourceId, revertId);
        ChangeAttempt attempt = callerAttempt(pending, caller, clientAddress, "cancel");
        attempt.changes(pending.changes());
        try (Lease lease = leases.tryAcquire(leaseName(revertId), leaseTtl, CALLER_WAIT)
                .orElseThrow(Changes::busy)) {
            if (!reverts.remove(revertId)) {
                throw gone();
            }
        } catch (StoreWriteException e) {
            throw ApiException.of("store-unavailable", "Cannot cancel now", 503,
                    "The broker could not update its shared store; the revert is still pending. Try again in a "
                            + "moment.").withHeader("Retry-After", "5");
        }
        metrics.revert(ChangeMetrics.CANCELLED);
        audit.record(attempt, "revert-cancelled", 200);
    }

    /** A caller has a pending revert done now; answers what it came to ({@code reverted} or {@code superseded}). */
    public String revertNow(Changeable kind, Caller caller, String resourceId, String revertId, String clientAddress) {
        pendingOf(kind, resourceId, revertId);
        return run(revertId, Optional.of(caller), clientAddress, CALLER_WAIT).orElseThrow(Changes::gone);
    }

    /**
     * The timer's work: does every revert that is due, each under its lease (a node that finds a lease taken
     * leaves that revert to its holder).
     *
     * @return how many this node did
     */
    public int runDue() {
        Instant now = clock.instant();
        int done = 0;
        for (PendingRevert r : reverts.list()) {
            if (r.dueAt().isAfter(now)) {
                break; // earliest first
            }
            try {
                if (run(r.id(), Optional.empty(), "", Duration.ZERO).isPresent()) {
                    done++;
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Revert {0} not done this time: {1}", r.id(),
                        e.getClass().getSimpleName());
            }
        }
        return done;
    }

    /**
     * Does one pending revert, exactly once across nodes.
     *
     * @return the outcome, or empty when it was not there (any more) or another node holds it
     */
    private Optional<String> run(String id, Optional<Caller> by, String clientAddress, Duration wait) {
        Optional<Lease> lease = leases.tryAcquire(leaseName(id), leaseTtl, wait);
        if (lease.isEmpty()) {
            if (by.isPresent()) {
                throw busy();
            }
            return Optional.empty();
        }
        try (Lease held = lease.get()) {
            Optional<PendingRevert> stored = reverts.get(id);
            if (stored.isEmpty()) {
                return Optional.empty(); // done by another node meanwhile
            }
            PendingChange pending;
            try {
                pending = PendingChange.of(stored.get());
            } catch (IllegalArgumentException e) {
                return failed(id, "unreadable", by);
            }
            Changeable kind = kinds.get(pending.kind());
            if (kind == null) {
                // a kind this node does not know (an older node in a rolling update): leave it to one that does
                return failed(id, "unknown kind " + pending.kind(), by);
            }
            ChangeAttempt attempt = by.map(c -> callerAttempt(pending, c, clientAddress, "revert-now"))
                    .orElseGet(() -> systemAttempt(pending, "revert", clientAddress));
            attempt.changes(reversed(pending.changes()));
            Changeable.Restored restored;
            try {
                restored = kind.restore(pending.resourceId(), pending.changes(), Changeable.Policy.EACH,
                        held::isCurrent, attempt);
            } catch (RuntimeException e) {
                ApiException problem = ProblemMapper.translate(e);
                metrics.revert(ChangeMetrics.FAILED);
                if (by.isPresent() || failedOnce.add(id)) {
                    audit.record(attempt, "revert-failed", problem.problem().status());
                }
                LOG.log(System.Logger.Level.WARNING, "Revert {0} failed ({1}); retried at the next tick", id,
                        kindOf(problem));
                if (by.isPresent()) {
                    throw problem;
                }
                return Optional.empty();
            }
            String outcome = restored.restored().isEmpty() ? "superseded" : "reverted";
            if (!restored.restored().isEmpty()) {
                attempt.changes(reversed(restored.restored()));
                audit.record(attempt, "reverted", 200);
                metrics.revert(ChangeMetrics.DONE);
            }
            if (!restored.skipped().isEmpty()) {
                // the values someone changed since are left alone, and the record says which
                ChangeAttempt left = by.map(c -> callerAttempt(pending, c, clientAddress, "revert-now"))
                        .orElseGet(() -> systemAttempt(pending, "revert", clientAddress));
                left.changes(reversed(restored.skipped()));
                audit.record(left, "superseded", 200);
                metrics.revert(ChangeMetrics.SUPERSEDED);
            }
            try {
                reverts.remove(id);
            } catch (StoreWriteException | StoreUnavailableException e) {
                // left pending: whoever runs it next finds the values restored and writes nothing
                LOG.log(System.Logger.Level.WARNING, "Revert {0} done but still listed ({1})", id, e.getMessage());
            }
            failedOnce.remove(id);
            return Optional.of(outcome);
        }
    }

    private Optional<String> failed(String id, String why, Optional<Caller> by) {
        metrics.revert(ChangeMetrics.FAILED);
        if (failedOnce.add(id)) {
            LOG.log(System.Logger.Level.ERROR, "Pending revert {0} cannot be done by this node: {1}", id, why);
        }
        if (by.isPresent()) {
            throw ApiException.of("revert-failed", "Cannot revert here", 409,
                    "This node cannot do this revert (" + why + ").");
        }
        return Optional.empty();
    }

    private PendingChange pendingOf(Changeable kind, String resourceId, String revertId) {
        return reverts.get(revertId).flatMap(r -> {
            try {
                return Optional.of(PendingChange.of(r));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }).filter(p -> p.kind().equals(kind.kind()) && p.resourceId().equals(resourceId)).orElseThrow(Changes::gone);
    }

    /** The broker acting on a timed change: audited in the name of whoever made the change, cause "revert". */
    private static ChangeAttempt systemAttempt(PendingChange pending, String cause, String clientAddress) {
        ChangeAttempt attempt = new ChangeAttempt(clientAddress);
        attempt.caller(pending.personId(), pending.email(), pending.name(), pending.org());
        attempt.resource(pending.kind(), pending.resourceId(), pending.resourceName());
        attempt.cause(cause, pending.id());
        return attempt;
    }

    private static ChangeAttempt callerAttempt(PendingChange pending, Caller caller, String clientAddress,
                                               String cause) {
        ChangeAttempt attempt = new ChangeAttempt(clientAddress);
        attempt.caller(caller.identity().personUuid(), caller.identity().email(), caller.identity().displayName(),
                caller.identity().orgUuid());
        attempt.resource(pending.kind(), pending.resourceId(), pending.resourceName());
        attempt.cause(cause, pending.id());
        return attempt;
    }

    private static List<FieldChange> reversed(Collection<FieldChange> changes) {
        return changes.stream().map(FieldChange::reversed).toList();
    }

    private static ApiException gone() {
        return ApiException.of("revert-not-found", "No such pending revert", 404,
                "This change is not waiting to be reverted (any more): it may have been reverted or cancelled.");
    }

    private static ApiException busy() {
        return ApiException.of("busy", "Revert in progress", 503,
                "This revert is being done right now; look again in a moment.").withHeader("Retry-After", "2");
    }

    private static String kindOf(ApiException problem) {
        return problem.problem().type().substring(Problem.TYPE_PREFIX.length());
    }
}
