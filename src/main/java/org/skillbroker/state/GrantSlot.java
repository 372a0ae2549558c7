package org.skillbroker.state;

import org.skillbroker.token.Grant;

import java.util.Optional;

/**
 * The admin grant, stored encrypted (AES-GCM under the configured keyring; the key never reaches the store),
 * with its generation, which grows by one with every write.
 */
public interface GrantSlot {

    /** The generation to pass to {@link #compareAndSave} when no grant is stored yet. */
    long NO_GRANT = -1;

    /**
     * The stored grant, or empty if there is none.
     *
     * @throws StoreUnreadableException if something is stored but cannot be decrypted or parsed
     */
    Optional<Grant> load() throws StoreUnreadableException;

    /**
     * Writes the grant, replacing whatever was stored; an unreadable stored grant is kept aside, never lost.
     *
     * @throws StoreWriteException if it could not be written; the previous grant is then unchanged
     */
    void save(Grant grant) throws StoreWriteException;

    /**
     * Writes the grant only if the stored one still has {@code expectedGeneration} ({@link #NO_GRANT}: only if
     * there is none) and, when {@code fence} is given, only while that lease is still the current holder of its
     * name: a node that stalled past its lease is fenced off even when the generation still matches.
     *
     * @return false if the generation differs or the lease was lost; nothing was written
     */
    boolean compareAndSave(long expectedGeneration, Grant grant, Optional<Lease> fence)
            throws StoreUnreadableException, StoreWriteException;

    /** Removes the grant, as "disconnect" does; nothing stored is not an error. */
    void delete() throws StoreWriteException;

    /**
     * A cheap value that changes whenever the stored grant changes (another node wrote or deleted it); compare
     * with {@code equals}. Never throws: when the store cannot be asked it returns the last value it knew.
     */
    Object stamp();

    /** Where the grant lives, for messages and the status page (a path or "database ..."), never a secret. */
    String location();
}
