package org.skillbroker.state.file;

import org.skillbroker.token.AtomicFileWriter;
import org.skillbroker.audit.AuditEntry;
import org.skillbroker.state.AuditLog;
import org.skillbroker.state.StoreWriteException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The audit trail as JSON lines in an append-only, owner-only file, rotated by size so that it cannot fill the
 * volume that holds the grant: when the next line would take {@code audit.log} over {@code maxBytes}, it becomes
 * {@code audit.log.1} (the older ones shift up, the oldest beyond {@code rotatedFiles} is deleted). At most
 * {@code maxBytes × (rotatedFiles + 1)} bytes, plus one line. Nodes sharing the file append and rotate under a
 * lock file next to it.
 *
 * <p>Queries read the files newest first, from their end, and stop as soon as they have enough. A line torn by
 * a crash is skipped. With the file switched off the trail lives in memory only (the last
 * {@link #IN_MEMORY} entries of this node).
 */
final class FileAudit implements AuditLog {

    static final int IN_MEMORY = 1_000;
    private static final int CHUNK = 64 * 1024;
    private static final Duration LOCK_WAIT = Duration.ofSeconds(5);

    private final Optional<Path> file;
    private final long maxBytes;
    private final int rotatedFiles;
    private final Optional<StoreLock> lock;
    private final Deque<AuditEntry> memory = new ArrayDeque<>();

    FileAudit(Optional<Path> file, long maxBytes, int rotatedFiles) {
        if (maxBytes < 1024 || rotatedFiles < 0) {
            throw new IllegalArgumentException("an audit file needs at least 1024 bytes and 0 or more rotated files");
        }
        this.file = file.map(Path::toAbsolutePath);
        this.maxBytes = maxBytes;
        this.rotatedFiles = rotatedFiles;
        this.lock = this.file.map(f -> new StoreLock(f.getParent(), f.getFileName() + ".lock"));
    }

    @Override
    public void append(AuditEntry entry) throws StoreWriteException {
        if (file.isEmpty()) {
            synchronized (memory) {
                memory.addFirst(entry);
                while (memory.size() > IN_MEMORY) {
                    memory.removeLast();
                }
            }
            return;
        }
        Path path = file.get();
        byte[] line = (entry.toJson() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            AtomicFileWriter.createPrivateDirectories(path.getParent());
            try (StoreLock.Held held = lock.get().tryAcquire(LOCK_WAIT).orElseThrow(() ->
                    new StoreWriteException(path.toString(), "locked by another writer (waited " + LOCK_WAIT + ")"))) {
                long size = Files.exists(path) ? Files.size(path) : 0;
                if (size > 0 && size + line.length > maxBytes) {
                    rotate(path);
                }
                try (FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.APPEND), AtomicFileWriter.ownerOnlyFile(path))) {
                    ByteBuffer buffer = ByteBuffer.wrap(line);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                }
            }
        } catch (IOException e) {
            throw new StoreWriteException(path.toString(), "cannot append (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private void rotate(Path path) throws IOException {
        if (rotatedFiles == 0) {
            Files.delete(path);
            return;
        }
        Files.deleteIfExists(rotated(path, rotatedFiles));
        for (int i = rotatedFiles - 1; i >= 1; i--) {
            Path from = rotated(path, i);
            if (Files.exists(from)) {
                Files.move(from, rotated(path, i + 1), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.move(path, rotated(path, 1), StandardCopyOption.ATOMIC_MOVE);
        AtomicFileWriter.syncDirectory(path.getParent());
    }

    private static Path rotated(Path path, int n) {
        return path.resolveSibling(path.getFileName() + "." + n);
    }

    @Override
    public List<AuditEntry> history(String resourceId, Optional<Instant> before, int limit) {
        Objects.requireNonNull(resourceId, "resourceId");
        String quoted = "\"" + resourceId + "\"";
        return query(e -> e.profileId().equals(resourceId) && before.map(b -> e.time().isBefore(b)).orElse(true),
                line -> line.contains(quoted), limit);
    }

    @Override
    public List<AuditEntry> latest(int limit) {
        return query(e -> true, line -> true, limit);
    }

    /** @param cheap a fast test on the raw line, before parsing it */
    private List<AuditEntry> query(Predicate<AuditEntry> wanted, Predicate<String> cheap, int limit) {
        int max = Math.max(0, Math.min(limit, MAX_PAGE));
        List<AuditEntry> found = new ArrayList<>();
        if (file.isEmpty()) {
            synchronized (memory) {
                memory.stream().filter(wanted).limit(max).forEach(found::add);
            }
            return found;
        }
        for (int n = 0; n <= rotatedFiles && found.size() < max; n++) {
            Path path = n == 0 ? file.get() : rotated(file.get(), n);
            try {
                readNewestFirst(path, line -> {
                    if (cheap.test(line)) {
                        try {
                            AuditEntry entry = AuditEntry.fromJson(line);
                            if (wanted.test(entry)) {
                                found.add(entry);
                            }
                        } catch (IllegalArgumentException torn) {
                            // a line cut short by a crash, or not ours: skip it
                        }
                    }
                    return found.size() < max;
                });
            } catch (NoSuchFileException e) {
                // not rotated that far yet, or rotated away while we read: what we have is the answer
            } catch (IOException e) {
                throw new org.skillbroker.state.StoreUnavailableException(
                        "cannot read " + path + " (" + e.getClass().getSimpleName() + ")", e);
            }
        }
        return found;
    }

    private interface LineSink {
        /** @return false to stop reading */
        boolean accept(String line);
    }

    /** Reads lines from the end of the file backwards, in chunks, until the sink has enough. */
    static void readNewestFirst(Path path, LineSink sink) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long position = channel.size();
            byte[] carry = new byte[0];
            while (position > 0) {
                int n = (int) Math.min(CHUNK, position);
                position -= n;
                ByteBuffer buffer = ByteBuffer.allocate(n);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, position + buffer.position()) < 0) {
                        break;
                    }
                }
                byte[] chunk = new byte[n + carry.length];
                System.arraycopy(buffer.array(), 0, chunk, 0, n);
                System.arraycopy(carry, 0, chunk, n, carry.length);
                int end = chunk.length;
                for (int i = chunk.length - 1; i >= 0; i--) {
                    if (chunk[i] == '\n') {
                        if (end > i + 1 && !sink.accept(new String(chunk, i + 1, end - i - 1, StandardCharsets.UTF_8))) {
                            return;
                        }
                        end = i;
                    }
                }
                carry = Arrays.copyOf(chunk, end);
            }
            if (carry.length > 0) {
                sink.accept(new String(carry, StandardCharsets.UTF_8));
            }
        }
    }
}
