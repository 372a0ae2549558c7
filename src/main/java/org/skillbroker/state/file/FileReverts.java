package org.skillbroker.state.file;

import org.skillbroker.token.AtomicFileWriter;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.skillbroker.Jsonp;
import org.skillbroker.state.PendingRevert;
import org.skillbroker.state.PendingReverts;
import org.skillbroker.state.StoreUnavailableException;
import org.skillbroker.state.StoreWriteException;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Pending reverts as one owner-only file each in {@code reverts/}, named by id, written atomically; the count
 * check and the write happen under the directory's {@link StoreLock}.
 */
final class FileReverts implements PendingReverts {

    static final String DIRECTORY = "reverts";
    private static final String SUFFIX = ".json";
    private static final System.Logger LOG = System.getLogger(FileReverts.class.getName());

    private final Path directory;
    private final StoreLock lock;
    private final Duration lockWait;
    private final int max;

    FileReverts(Path storeDirectory, StoreLock lock, Duration lockWait) {
        this(storeDirectory, lock, lockWait, MAX_PENDING);
    }

    FileReverts(Path storeDirectory, StoreLock lock, Duration lockWait, int max) {
        this.directory = storeDirectory.resolve(DIRECTORY);
        this.lock = Objects.requireNonNull(lock, "lock");
        this.lockWait = Objects.requireNonNull(lockWait, "lockWait");
        this.max = max;
    }

    @Override
    public void put(PendingRevert revert) throws StoreWriteException {
        Path file = fileOf(revert.id());
        byte[] content = (Jsonp.createObjectBuilder().add("id", revert.id())
                .add("dueAt", revert.dueAt().toString()).add("body", revert.body()).build() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        try (StoreLock.Held held = lock.tryAcquire(lockWait).orElseThrow(() ->
                new StoreWriteException(file.toString(), "store is locked by another writer (waited " + lockWait + ")"))) {
            AtomicFileWriter.createPrivateDirectories(directory);
            if (!Files.exists(file) && count() >= max) {
                throw new StoreWriteException(directory.toString(), "already " + max + " pending reverts");
            }
            AtomicFileWriter.replace(file, content);
        } catch (IOException e) {
            throw new StoreWriteException(file.toString(), "cannot write (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    @Override
    public Optional<PendingRevert> get(String id) {
        try {
            return read(fileOf(id));
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public List<PendingRevert> list() {
        List<PendingRevert> all = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                read(file).ifPresent(all::add);
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw unavailable(e);
        }
        all.sort(Comparator.comparing(PendingRevert::dueAt).thenComparing(PendingRevert::id));
        return all;
    }

    @Override
    public boolean remove(String id) throws StoreWriteException {
        Path file = fileOf(id);
        try {
            // unlink is atomic: of two nodes removing the same revert, exactly one is told it did
            boolean removed = Files.deleteIfExists(file);
            if (removed) {
                AtomicFileWriter.syncDirectory(directory);
            }
            return removed;
        } catch (IOException e) {
            throw new StoreWriteException(file.toString(), "cannot delete (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private Path fileOf(String id) {
        // validates the id: no separators, no dots, so it names a file in the directory and nothing else
        return directory.resolve(new PendingRevert(id, Instant.EPOCH, "").id() + SUFFIX);
    }

    private long count() throws IOException {
        try (var files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).count();
        }
    }

    private static Optional<PendingRevert> read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try (JsonReader reader = Jsonp.createReader(new StringReader(text))) {
            JsonObject o = reader.readObject();
            return Optional.of(new PendingRevert(o.getString("id"), Instant.parse(o.getString("dueAt")),
                    o.getString("body")));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "pending revert {0} is unreadable; left for an operator", file);
            return Optional.empty();
        }
    }

    private StoreUnavailableException unavailable(IOException e) {
        return new StoreUnavailableException("cannot read " + directory + " (" + e.getClass().getSimpleName() + ")", e);
    }
}
