package org.skillbroker.state;

import java.util.Objects;

/**
 * A cluster state assembled from its five parts, as both stores are: the parts differ per store, the assembly
 * does not. A store adds only what describes it ({@link #description()}, {@link #outage()}).
 */
public abstract class ClusterStateParts implements ClusterState {

    private final GrantSlot grant;
    private final PolledLeases leases;
    private final PendingReverts reverts;
    private final AuditLog audit;
    private final CallBudget budget;

    protected ClusterStateParts(GrantSlot grant, PolledLeases leases, PendingReverts reverts, AuditLog audit,
                                CallBudget budget) {
        this.grant = Objects.requireNonNull(grant, "grant");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.reverts = Objects.requireNonNull(reverts, "reverts");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    @Override
    public final GrantSlot grant() {
        return grant;
    }

    @Override
    public final Leases leases() {
        return leases;
    }

    @Override
    public final PendingReverts reverts() {
        return reverts;
    }

    @Override
    public final AuditLog audit() {
        return audit;
    }

    @Override
    public final CallBudget budget() {
        return budget;
    }

    /**
     * No OS lock and no connection is held between calls (the container owns the pool); only the lease renewal
     * thread runs, stopped here. Leases still held then expire by themselves. The leases and the audit log close
     * the files they keep open (a store adds what else it keeps open).
     */
    @Override
    public void close() {
        leases.close();
        audit.close();
    }
}
