package org.skillbroker.token;

import org.skillbroker.state.GrantSlot;
import org.skillbroker.state.Lease;
import org.skillbroker.state.StoreUnavailableException;
import org.skillbroker.state.StoreUnreadableException;
import org.skillbroker.state.StoreWriteException;

import java.util.Objects;
import java.util.Optional;

/**
 * Holds the admin grant in memory and keeps it in step with the encrypted store. The memory copy keeps serving
 * when the store cannot be written (disk full, read-only), and the write is retried later; a store that cannot
 * be read is reported, never overwritten behind the operator's back. A store that cannot be reached (a database
 * outage) changes nothing in memory: the cached grant keeps serving while its access token is valid.
 */
public final class GrantKeeper {

    private static final System.Logger LOG = System.getLogger(GrantKeeper.class.getName());

    private final GrantSlot store;
    private volatile Optional<Grant> current = Optional.empty();
    private volatile Optional<String> unreadable = Optional.empty();
    private volatile Optional<String> writeFailure = Optional.empty();
    private volatile Grant unsaved;
    private volatile Object seen = new Object();

    public GrantKeeper(GrantSlot store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public Optional<Grant> current() {
        return current;
    }

    /** Why the store file cannot be read ("store unreadable: grant.enc (authentication failed)"), if so. */
    public Optional<String> unreadable() {
        return unreadable;
    }

    /** Why the last write failed, while the memory copy is ahead of the file. */
    public Optional<String> writeFailure() {
        return writeFailure;
    }

    /** Where the grant is stored (a path or a database), for the status page; never a secret. */
    public String location() {
        return store.location();
    }

    /** Reads the store; adopts what it holds unless memory already has a newer generation. */
    public synchronized void reload() {
        Object stamp = store.stamp();
        try {
            Optional<Grant> loaded = store.load();
            unreadable = Optional.empty();
            Optional<Grant> mine = current;
            if (loaded.isEmpty()) {
                // Deleted on disk (disconnect on another node) unless we still owe a write.
                if (unsaved == null) {
                    current = Optional.empty();
                }
            } else if (mine.isEmpty() || loaded.get().generation() >= mine.get().generation()) {
                current = loaded;
                if (unsaved != null && unsaved.generation() <= loaded.get().generation()) {
                    unsaved = null;
                    writeFailure = Optional.empty();
                }
            }
        } catch (StoreUnreadableException e) {
            unreadable = Optional.of(e.getMessage());
            LOG.log(System.Logger.Level.ERROR, "Token store unreadable: {0}", e.getMessage());
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "Token store unavailable, keeping the grant in memory: {0}",
                    e.getMessage());
            return; // not seen: read again once the store is back
        }
        seen = stamp;
    }

    /** Cheap check for a change by another node (the store's stamp), then {@link #reload()}. */
    public void reloadIfChanged() {
        if (!store.stamp().equals(seen)) {
            reload();
        }
    }

    /**
     * Writes a grant whose predecessor had {@code expectedGeneration} (-1: none). The memory copy is updated even
     * when the write fails, so the broker keeps serving; the write is retried by {@link #retryPendingWrite()}.
     *
     * @return false when another writer got there first (nothing was changed)
     */
    public synchronized boolean save(Grant grant, long expectedGeneration) {
        return save(grant, expectedGeneration, Optional.empty());
    }

    /**
     * As {@link #save(Grant, long)}, fenced by a lease: refused (false, memory unchanged) when the lease was lost,
     * so a node that stalled past its lease never writes.
     */
    public synchronized boolean save(Grant grant, long expectedGeneration, Optional<Lease> fence) {
        try {
            if (!store.compareAndSave(expectedGeneration, grant, fence)) {
                reload();
                return false;
            }
            unsaved = null;
            writeFailure = Optional.empty();
            unreadable = Optional.empty();
        } catch (StoreWriteException | StoreUnavailableException e) {
            unsaved = grant;
            writeFailure = Optional.of(e.getMessage());
            LOG.log(System.Logger.Level.ERROR, "Could not write the token store, keeping the grant in memory: {0}",
                    e.getMessage());
        } catch (StoreUnreadableException e) {
            // The file changed under us into something this node cannot read (another key?). Not retried
            // automatically: only an admin's reconnect may move that file aside.
            unreadable = Optional.of(e.getMessage());
            writeFailure = Optional.of("not written because the store file is unreadable");
            LOG.log(System.Logger.Level.ERROR, "Token store unreadable while saving, keeping the grant in memory: {0}",
                    e.getMessage());
        }
        current = Optional.of(grant);
        seen = store.stamp();
        return true;
    }

    /**
     * Replaces whatever is stored with a new, verified grant (connect / reconnect). Unlike a refresh this must
     * reach the disk: an admin who connected must not lose the grant at the next restart.
     */
    public synchronized void replace(Grant grant) throws StoreWriteException {
        store.save(grant);
        unsaved = null;
        writeFailure = Optional.empty();
        unreadable = Optional.empty();
        current = Optional.of(grant);
        seen = store.stamp();
    }

    /** Retries a write that failed earlier; called by the refresher's timer. */
    public synchronized void retryPendingWrite() {
        Grant pending = unsaved;
        if (pending == null) {
            return;
        }
        try {
            store.save(pending);
            unsaved = null;
            writeFailure = Optional.empty();
            seen = store.stamp();
            LOG.log(System.Logger.Level.INFO, "Token store written again after an earlier failure");
        } catch (StoreWriteException | StoreUnavailableException e) {
            writeFailure = Optional.of(e.getMessage());
        }
    }

    /** Disconnect: forget the grant, in memory and on disk. */
    public synchronized void delete() throws StoreWriteException {
        store.delete();
        current = Optional.empty();
        unsaved = null;
        writeFailure = Optional.empty();
        seen = store.stamp();
    }
}
