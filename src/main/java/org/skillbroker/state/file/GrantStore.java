package org.skillbroker.state.file;

import org.skillbroker.token.AtomicFileWriter;
import org.skillbroker.state.GrantSlot;
import org.skillbroker.state.Lease;
import org.skillbroker.state.StoreUnreadableException;
import org.skillbroker.state.StoreWriteException;
import org.skillbroker.token.Grant;
import org.skillbroker.token.GrantCodec;
import org.skillbroker.token.Keyring;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Keeps the admin's grant in one encrypted file, {@code grant.enc}, in a directory that two broker nodes may
 * share. The file format is {@link GrantCodec}'s JSON envelope around a {@link Keyring} ciphertext.
 *
 * <p>Writes are atomic ({@link AtomicFileWriter}) and happen under the directory's {@link StoreLock}; reads
 * need no lock because a reader only ever sees a whole file. An unreadable file is never overwritten: it is
 * moved aside as {@code grant.enc.unreadable-<UTC time>} for an operator to inspect. A file found under an
 * older key is re-encrypted under the primary key when it is loaded, which is the "re-encrypt" step of a key
 * rotation.
 *
 * <p>Rotating keys with several nodes (Tink's order): first give every node the new key as a non-primary key,
 * then promote it everywhere, and retire the old key only after the file carries the new key id. A node that
 * is promoted early writes a file the others cannot read yet; they report "unknown key id" and, if they
 * save, move that file aside rather than overwrite it.
 *
 * <p>Other files (a name and a purpose) can live next to the admin grant through the longer constructor; they
 * share the directory lock.
 *
 * <p>A grant stored in an older format (no org id in the associated data) is rewritten the same way.
 */
public final class GrantStore implements GrantSlot {

    public static final String ADMIN_GRANT_FILE = "grant.enc";
    public static final String ADMIN_GRANT_PURPOSE = "admin-grant";
    static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(10);

    private static final Logger LOG = System.getLogger(GrantStore.class.getName());
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern PURPOSE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final DateTimeFormatter ASIDE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final Path file;
    private final Keyring keyring;
    private final GrantCodec codec;
    private final Clock clock;
    private final StoreLock lock;
    private final Duration lockWait;

    public GrantStore(Path directory, Keyring keyring, String orgId, Clock clock) {
        this(directory, ADMIN_GRANT_FILE, ADMIN_GRANT_PURPOSE, keyring, orgId, clock, DEFAULT_LOCK_WAIT);
    }

    public GrantStore(Path directory, String fileName, String purpose, Keyring keyring, String orgId, Clock clock,
                      Duration lockWait) {
        this(directory, fileName, purpose, keyring, orgId, clock, lockWait, new StoreLock(directory));
    }

    /** With the directory's lock of a {@link FileClusterState}, which closes it (its channel stays open till then). */
    GrantStore(Path directory, StoreLock lock, Keyring keyring, String orgId, Clock clock) {
        this(directory, ADMIN_GRANT_FILE, ADMIN_GRANT_PURPOSE, keyring, orgId, clock, DEFAULT_LOCK_WAIT, lock);
    }

    private GrantStore(Path directory, String fileName, String purpose, Keyring keyring, String orgId, Clock clock,
                       Duration lockWait, StoreLock lock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        if (!FILE_NAME.matcher(fileName).matches() || fileName.equals(StoreLock.LOCK_FILE)) {
            throw new IllegalArgumentException("not a usable file name: " + fileName);
        }
        if (!PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("purpose must match " + PURPOSE.pattern());
        }
        this.file = directory.resolve(fileName);
        this.keyring = Objects.requireNonNull(keyring, "keyring");
        this.codec = new GrantCodec(keyring, purpose, orgId);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.lockWait = Objects.requireNonNull(lockWait, "lockWait");
    }

    public Path file() {
        return file;
    }

    @Override
    public String location() {
        return file.toString();
    }

    /** Identity of the file's content: an atomic move gives every write a new file key (inode). */
    @Override
    public Object stamp() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(String.valueOf(attributes.fileKey()), attributes.size(), attributes.lastModifiedTime());
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * The stored grant, or empty if there is none. Re-encrypts the file under the primary key if it was
     * written under an older one; if that fails the grant is still returned and the next load tries again.
     *
     * @throws StoreUnreadableException if the file exists but cannot be read, authenticated or parsed
     */
    @Override
    public Optional<Grant> load() throws StoreUnreadableException {
        byte[] bytes;
        try {
            bytes = readOrNull();
        } catch (IOException e) {
            throw new StoreUnreadableException(location(), "cannot read (" + describe(e) + ")", e);
        }
        if (bytes == null) {
            return Optional.empty();
        }
        GrantCodec.Decoded decoded = codec.decode(location(), bytes);
        if (decoded.outdated()) {
            reencrypt(bytes, decoded);
        }
        return Optional.of(decoded.grant());
    }

    /**
     * Writes the grant under the primary key, replacing whatever was stored. An unreadable file is moved aside
     * first, never overwritten.
     *
     * @throws StoreWriteException if the file could not be written; the previous file is then unchanged
     */
    @Override
    public void save(Grant grant) throws StoreWriteException {
        byte[] content = codec.encode(Objects.requireNonNull(grant, "grant"));
        try (StoreLock.Held held = acquire()) {
            moveAsideIfUnreadable();
            write(content);
        }
    }

    /**
     * Writes the grant only if the stored grant still has {@code expectedGeneration} ({@link #NO_GRANT}: only
     * if there is none), so that of two nodes refreshing at once the slower one does not replace the newer
     * grant. The fence is checked under the directory lock, which lease changes take too.
     *
     * @return false if the stored generation differs (someone else wrote in between) or the lease was lost
     * @throws StoreUnreadableException if the stored file is unreadable; {@link #save} moves it aside
     */
    @Override
    public boolean compareAndSave(long expectedGeneration, Grant grant, Optional<Lease> fence)
            throws StoreUnreadableException, StoreWriteException {
        byte[] content = codec.encode(Objects.requireNonNull(grant, "grant"));
        try (StoreLock.Held held = acquire()) {
            if (fence.isPresent() && !fence.get().isCurrent()) {
                LOG.log(Level.WARNING, "not writing {0}: lease {1} (fencing token {2}) was lost", file,
                        fence.get().name(), fence.get().fencingToken());
                return false;
            }
            byte[] existing = readForWrite();
            long stored = existing == null ? NO_GRANT : codec.decode(location(), existing).grant().generation();
            if (stored != expectedGeneration) {
                LOG.log(Level.DEBUG, "not writing {0}: stored generation {1}, expected {2}", file, stored,
                        expectedGeneration);
                return false;
            }
            write(content);
            return true;
        }
    }

    /** Removes the grant file, as "disconnect" does; no file is not an error. */
    @Override
    public void delete() throws StoreWriteException {
        try (StoreLock.Held held = acquire()) {
            if (Files.deleteIfExists(file)) {
                AtomicFileWriter.syncDirectory(directory);
                LOG.log(Level.INFO, "deleted {0}", file);
            }
        } catch (IOException e) {
            throw new StoreWriteException(location(), "cannot delete (" + describe(e) + ")", e);
        }
    }

    @Override
    public String toString() {
        return "GrantStore[" + file + ", " + keyring + "]";
    }

    private void reencrypt(byte[] original, GrantCodec.Decoded decoded) {
        String primary = keyring.primaryKeyId();
        try (StoreLock.Held held = lock.tryAcquire(lockWait).orElse(null)) {
            if (held == null) {
                LOG.log(Level.DEBUG, "{0} is locked; re-encryption under key {1} left for the next load", file,
                        primary);
                return;
            }
            if (!Arrays.equals(original, readOrNull())) {
                return; // rewritten since we read it, by a writer that used its own primary key
            }
            AtomicFileWriter.replace(file, codec.encode(decoded.grant()));
            LOG.log(Level.INFO, "re-encrypted {0} under key {1} in the current format (was {2})", file, primary,
                    decoded.keyId());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not re-encrypt {0} under key {1}, still under {2}; next load retries: {3}",
                    file, primary, decoded.keyId(), describe(e));
        }
    }

    private void moveAsideIfUnreadable() throws StoreWriteException {
        byte[] existing = readForWrite();
        if (existing == null) {
            return;
        }
        try {
            codec.decode(location(), existing);
        } catch (StoreUnreadableException unreadable) {
            Path aside = asideName();
            try {
                Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new StoreWriteException(location(), "cannot move unreadable file aside (" + describe(e) + ")", e);
            }
            LOG.log(Level.WARNING, "{0} was unreadable ({1}); moved it to {2} before writing a new grant", file,
                    unreadable.reason(), aside);
        }
    }

    private Path asideName() {
        String base = file.getFileName() + ".unreadable-" + ASIDE_TIME.format(clock.instant());
        Path aside = directory.resolve(base);
        // a rename replaces silently on POSIX, so find a free name first (we hold the lock)
        for (int n = 2; Files.exists(aside); n++) {
            aside = directory.resolve(base + "-" + n);
        }
        return aside;
    }

    private void write(byte[] content) throws StoreWriteException {
        try {
            AtomicFileWriter.replace(file, content);
        } catch (IOException e) {
            throw new StoreWriteException(location(), "cannot write (" + describe(e) + ")", e);
        }
    }

    private StoreLock.Held acquire() throws StoreWriteException {
        try {
            return lock.tryAcquire(lockWait).orElseThrow(() -> new StoreWriteException(location(),
                    "store is locked by another writer (waited " + lockWait + ")"));
        } catch (IOException e) {
            throw new StoreWriteException(location(), "cannot lock " + lock.file() + " (" + describe(e) + ")", e);
        }
    }

    private byte[] readForWrite() throws StoreWriteException {
        try {
            return readOrNull();
        } catch (IOException e) {
            throw new StoreWriteException(location(), "cannot read the existing file (" + describe(e) + ")", e);
        }
    }

    private byte[] readOrNull() throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
