package org.skillbroker.token;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Holds the admin grant in memory and keeps it in step with the encrypted store. The memory copy keeps serving
 * when the store cannot be written (disk full, read-only), and the write is retried later; a store that cannot
 * be read is reported, never overwritten behind the operator's back.
 */
public final class GrantKeeper {

    private static final System.Logger LOG = System.getLogger(GrantKeeper.class.getName());

    private final GrantStore store;
    private volatile Optional<Grant> current = Optional.empty();
    private volatile Optional<String> unreadable = Optional.empty();
    private volatile Optional<String> writeFailure = Optional.empty();
    private volatile Grant unsaved;
    private volatile FileStamp seen = FileStamp.NONE;

    public GrantKeeper(GrantStore store) {
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

    public Path file() {
        return store.file();
    }

    /** Reads the store; adopts what it holds unless memory already has a newer generation. */
    public synchronized void reload() {
        FileStamp stamp = FileStamp.of(store.file());
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
        }
        seen = stamp;
    }

    /** Cheap check for a change by another node (size or modification time), then {@link #reload()}. */
    public void reloadIfChanged() {
        if (!FileStamp.of(store.file()).equals(seen)) {
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
        try {
            if (!store.compareAndSave(expectedGeneration, grant)) {
                reload();
                return false;
            }
            unsaved = null;
            writeFailure = Optional.empty();
            unreadable = Optional.empty();
        } catch (StoreWriteException e) {
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
        seen = FileStamp.of(store.file());
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
        seen = FileStamp.of(store.file());
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
            seen = FileStamp.of(store.file());
            LOG.log(System.Logger.Level.INFO, "Token store written again after an earlier failure");
        } catch (StoreWriteException e) {
            writeFailure = Optional.of(e.getMessage());
        }
    }

    /** Disconnect: forget the grant, in memory and on disk. */
    public synchronized void delete() throws StoreWriteException {
        store.delete();
        current = Optional.empty();
        unsaved = null;
        writeFailure = Optional.empty();
        seen = FileStamp.of(store.file());
    }

    /** Identity of the file's content: an atomic move gives every write a new file key (inode). */
    private record FileStamp(Object fileKey, long size, FileTime modified) {
        static final FileStamp NONE = new FileStamp(null, -1, null);

        static FileStamp of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new FileStamp(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime());
            } catch (IOException e) {
                return NONE;
            }
        }
    }
}
