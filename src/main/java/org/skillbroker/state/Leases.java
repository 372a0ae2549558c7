package org.skillbroker.state;

import java.time.Duration;
import java.util.Optional;

/**
 * Named, expiring, fenced locks shared by all nodes: {@code refresh} serialises token refreshes, and
 * {@code profile-write:<profile id>} serialises writes to one skill profile across nodes.
 *
 * <p>A lease ends when its holder closes it or when its time runs out (a node that died, or stalled). Every new
 * holder of a name gets a larger fencing token than any earlier holder, and a write guarded by an older token is
 * refused ({@link Lease#isCurrent()}, {@link GrantSlot#compareAndSave}). Expiry is judged by the nodes' clocks,
 * which must agree within a small fraction of the lease time (NTP).
 */
public interface Leases {

    /** The lease that serialises token refreshes. */
    String REFRESH = "refresh";

    /** The lease name that serialises writes to one skill profile. */
    static String profileWrite(String profileId) {
        return "profile-write:" + profileId;
    }

    /**
     * Waits up to {@code wait} for the named lease and holds it for {@code ttl}.
     *
     * @param name at most 200 characters
     * @return the held lease, to be closed; empty if another holder kept it past {@code wait} or the thread was
     *         interrupted (the interrupt flag is kept)
     * @throws StoreUnavailableException when the store cannot be reached
     */
    Optional<Lease> tryAcquire(String name, Duration ttl, Duration wait);
}
