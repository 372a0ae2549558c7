package org.skillbroker.state;

import java.util.List;
import java.util.Optional;

/**
 * The durable list of pending reverts. The store only keeps them; scheduling is the revert capability's job.
 * To do a revert exactly once across nodes, take the lease {@code revert:<id>}, do it, then {@link #remove}.
 */
public interface PendingReverts {

    /** At most this many are kept, so a flood of changes cannot fill the store. */
    int MAX_PENDING = 10_000;

    /**
     * Adds or replaces the revert with this id.
     *
     * @throws StoreWriteException if it could not be stored, or {@link #MAX_PENDING} are already pending
     */
    void put(PendingRevert revert) throws StoreWriteException;

    Optional<PendingRevert> get(String id);

    /** All pending reverts, earliest due first. */
    List<PendingRevert> list();

    /** @return true if this call removed it, false if it was not (or no longer) there */
    boolean remove(String id) throws StoreWriteException;
}
