package org.skillbroker.skills.control;

import org.skillbroker.state.Lease;
import org.skillbroker.state.Leases;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes to one profile, one at a time across every node: the node's own fair lock first (writers of this node
 * queue in order without polling the store), then the cluster's {@code profile-write:<id>} lease. The lease
 * is renewed while held (by the cluster state) and expires if its node dies, so a crash never leaves a profile
 * locked for longer than its time to live; a lease found lost stops the write before its next Webex call.
 */
public final class ClusterWriteGuard implements ProfileWriteGuard {

    private final ProfileLocks local;
    private final Leases leases;
    private final Duration ttl;
    private final Duration maxWait;

    /**
     * @param ttl     how long a lease outlives a holder that stopped renewing it
     * @param maxWait how long a writer waits for the profile before the caller gets 503 busy
     */
    public ClusterWriteGuard(ProfileLocks local, Leases leases, Duration ttl, Duration maxWait) {
        this.local = Objects.requireNonNull(local, "local");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
    }

    @Override
    public Held hold(String profileId) {
        Held node = local.hold(profileId);
        Optional<Lease> lease;
        try {
            lease = leases.tryAcquire(Leases.profileWrite(profileId), ttl, maxWait);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        if (lease.isEmpty()) {
            node.close();
            throw ProfileLocks.busy();
        }
        Lease held = lease.get();
        return new Held() {
            @Override
            public boolean stillHeld() {
                return held.isCurrent();
            }

            @Override
            public void close() {
                try {
                    held.close();
                } finally {
                    node.close();
                }
            }
        };
    }
}
