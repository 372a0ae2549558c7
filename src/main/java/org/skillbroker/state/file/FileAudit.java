package org.skillbroker.state.file;

import org.skillbroker.token.AtomicFileWriter;
import org.skillbroker.audit.AuditEntry;
import org.skillbroker.state.AuditLog;
import org.skillbroker.state.StoreWriteException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The audit trail as JSON lines in an append-only, owner-only file, rotated by size so that it cannot fill the
 * volume that holds the grant: when the next line would take {@code audit.log} over {@code maxBytes}, it becomes
 * {@code audit.log.1} (the older ones shift up, the oldest beyond {@code rotatedFiles} is deleted). At most
 * {@code maxBytes × (rotatedFiles + 1)} bytes, plus one line. Nodes sharing the file append and rotate under a
 * lock file next to it.
 *
 * <p>The file stays open between lines (opened again when another node rotated it away). Each line is written
 * before {@link #append} returns, so it is in the operating system's cache before the change is answered and a
 * killed process loses none; a thread fsyncs the lines in small groups right behind the writers (see
 * {@link #syncLoop()}).
 *
 * <p>Queries read the files newest first, from their end, and stop as soon as they have enough. A line torn by
 * a crash is skipped. With the file switched off the trail lives in memory only (the last
 * {@link #IN_MEMORY} entries of this node).
 */
final class FileAudit implements AuditLog {

    static final int IN_MEMORY = 1_000;
    private static final int CHUNK = 64 * 1024;
    private static final Duration LOCK_WAIT = Duration.ofSeconds(5);
    /** How long an undeploy waits for the fsync thread (one fsync in flight at most). */
    private static final long CLOSE_WAIT_MILLIS = 5_000;
    /** Lines that may wait for their fsync before writers are held back. */
    static final int MAX_UNSYNCED = 1_000;
    private static final System.Logger PROBLEMS = System.getLogger(FileAudit.class.getName());

    private final Optional<Path> file;
    private final long maxBytes;
    private final int rotatedFiles;
    private final Optional<StoreLock> lock;
    private final Deque<AuditEntry> memory = new ArrayDeque<>();

    // guarded by this: the open file, what was written and fsynced, the fsync thread
    private FileChannel channel;
    private Object openedKey;
    private long written;
    private long synced;
    private long fsyncs;
    private long waits;
    private boolean closed;
    private Thread syncer;

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
            try (StoreLock.Held held = lock.get().tryAcquire(LOCK_WAIT).orElseThrow(() ->
                    new StoreWriteException(path.toString(), "locked by another writer (waited " + LOCK_WAIT + ")"))) {
                synchronized (this) {
                    if (closed) {
                        throw new StoreWriteException(path.toString(), "the audit file is closed (undeployed)");
                    }
                    FileChannel channel = openChannel(path);
                    long size = channel.size(); // of the file, so it counts other nodes' lines too
                    if (size > 0 && size + line.length > maxBytes) {
                        closeChannel(); // fsyncs what is in it
                        rotate(path);
                        channel = openChannel(path);
                    }
                    ByteBuffer buffer = ByteBuffer.wrap(line);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    written++;
                    startSyncer();
                    notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                closeChannel(); // opened again by the next line: a channel that failed once is not trusted
            }
            throw new StoreWriteException(path.toString(), "cannot append (" + e.getClass().getSimpleName() + ")", e);
        }
        holdBackWhileSyncLags();
    }

    /**
     * Back-pressure: when fsync falls more than {@link #MAX_UNSYNCED} lines behind (a stalled disk), the writer
     * waits for it, at most {@link #LOCK_WAIT}; each such wait is counted ({@link #syncCounts()}, /metrics).
     */
    private synchronized void holdBackWhileSyncLags() {
        if (written - synced <= MAX_UNSYNCED) {
            return;
        }
        waits++;
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        try {
            while (written - synced > MAX_UNSYNCED && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The open channel of {@code audit.log}, opened again when another node rotated the file away (its
     * identity on disk changed) or this node's channel failed.
     */
    private FileChannel openChannel(Path path) throws IOException {
        if (channel != null && !sameFileAsOpened(path)) {
            closeChannel();
        }
        if (channel == null) {
            AtomicFileWriter.createPrivateDirectories(path.getParent());
            channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND), AtomicFileWriter.ownerOnlyFile(path));
            openedKey = fileKey(path);
        }
        return channel;
    }

    private boolean sameFileAsOpened(Path path) throws IOException {
        try {
            Object key = fileKey(path);
            return key == null || key.equals(openedKey); // no file keys (Windows): an open file cannot be renamed
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static Object fileKey(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    /** Fsyncs and closes the open channel (before a rotation and at undeploy), so no line is left unsynced. */
    private void closeChannel() {
        FileChannel open = channel;
        channel = null;
        if (open == null) {
            return;
        }
        try {
            open.force(false);
            synced = written;
        } catch (IOException e) {
            PROBLEMS.log(System.Logger.Level.WARNING, "Cannot fsync {0} ({1})", file.orElseThrow(),
                    e.getClass().getSimpleName());
        }
        try {
            open.close();
        } catch (IOException e) {
            // the lines were written; nothing more to do with this channel
        }
        notifyAll();
    }

    /** The fsync thread, started with the first line (nothing to do before), stopped by {@link #close()}. */
    private void startSyncer() {
        if (syncer == null) {
            syncer = new Thread(this::syncLoop, "skill-broker-audit-fsync");
            syncer.setDaemon(true);
            syncer.start();
        }
    }

    /**
     * Group commit: fsyncs whatever was written since the last fsync, as soon as there is something. Lines written
     * while an fsync runs make the next group, so under load one fsync covers many lines and at 2.5 changes a
     * second it is one small fsync per line. The request thread never waits for it (see {@link #append}): a line
     * is in the operating system's cache before the change is answered, so a killed process loses none; only a
     * power loss can lose the lines of the last group.
     */
    private void syncLoop() {
        while (true) {
            FileChannel target;
            long upTo;
            synchronized (this) {
                try {
                    while (synced >= written && !closed) {
                        wait();
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (closed) {
                    return; // close() fsynced
                }
                target = channel;
                upTo = written;
            }
            try {
                if (target != null) {
                    target.force(false);
                }
            } catch (ClosedChannelException e) {
                // rotated or closed meanwhile: that fsynced it
            } catch (IOException e) {
                PROBLEMS.log(System.Logger.Level.WARNING, "Cannot fsync {0} ({1})", file.orElseThrow(),
                        e.getClass().getSimpleName());
            }
            synchronized (this) {
                synced = Math.max(synced, upTo);
                fsyncs++;
                notifyAll();
            }
        }
    }

    @Override
    public synchronized SyncCounts syncCounts() {
        return new SyncCounts(written, written - synced, fsyncs, waits);
    }

    /**
     * Fsyncs and closes the file and stops the fsync thread (undeploy); later appends fail. Waits for the thread to
     * end, outside the lock it needs to end: Tomcat looks for the web app's threads right after contextDestroyed and
     * reports one still running as a leak (the benchmark's footprint section caught it under load).
     */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            closeChannel();
            notifyAll();
            t = syncer;
        }
        lock.ifPresent(StoreLock::close); // its lock file's channel, kept open between lines
        if (t != null) {
            t.interrupt();
            try {
                t.join(CLOSE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
