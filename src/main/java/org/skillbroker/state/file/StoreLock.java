package org.skillbroker.state.file;

import org.skillbroker.state.StoreUnavailableException;

import org.skillbroker.token.AtomicFileWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Excludes other writers of one store directory: other threads, other web apps in this JVM and other JVMs
 * (two broker nodes sharing the directory).
 *
 * <p>Two layers, because {@link FileChannel#lock} belongs to the whole JVM process: a second lock on the same
 * file from the same JVM is not a wait but an {@link OverlappingFileLockException}. So within this class loader
 * a semaphore per canonical path queues the threads, and the OS file lock on {@code grant.lock} excludes other
 * processes. A web app with its own class loader has its own semaphores; it meets ours as an
 * {@code OverlappingFileLockException}, which is treated as "held, keep waiting".
 *
 * <p>Why an OS lock and not a lock file holding a PID: the kernel releases the lock of a process that dies,
 * however it dies, so a crashed node never leaves a stale lock that someone must clean up by hand. For the same
 * reason the lock file itself is never deleted; deleting it while another process waits on it would let two
 * processes lock two different files of the same name.
 *
 * <p>Caveat for that cross-class-loader case: on POSIX, closing any channel on a file drops every OS lock the
 * process holds on it ({@link FileLock} javadoc), so a web app that gives up waiting may let another
 * <em>process</em> in while a web app of this JVM still holds the lock. One web app per JVM per directory, or
 * one JVM per directory, avoids it.
 *
 * <p>Held only for one read-and-rewrite of the directory's files, never across a Webex call: what must span a call
 * is a lease ({@link FileLeases}). Reentrant for the thread that holds it: a fenced grant write holds the lock and
 * checks the lease, which takes the same lock; a nested acquisition is a no-op whose close releases nothing.
 */
public final class StoreLock {

    static final String LOCK_FILE = "grant.lock";
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final Map<Path, Semaphore> IN_THIS_JVM = new ConcurrentHashMap<>();
    private static final Map<Path, Thread> OWNERS = new ConcurrentHashMap<>();

    private final Path directory;
    private final String lockFileName;
    private volatile Path resolved;

    public StoreLock(Path directory) {
        this(directory, LOCK_FILE);
    }

    /** A lock on another file of the directory, for state that does not share the grant's lock (the audit). */
    StoreLock(Path directory, String lockFileName) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.lockFileName = Objects.requireNonNull(lockFileName, "lockFileName");
    }

    public Path file() {
        return directory.resolve(lockFileName);
    }

    /**
     * Waits up to {@code wait} for the lock.
     *
     * @return the held lock, to be closed by the caller; empty if it was not free in time or the thread was
     *         interrupted (the interrupt flag is kept)
     * @throws IOException if the directory or lock file cannot be created or opened
     */
    public Optional<Held> tryAcquire(Duration wait) throws IOException {
        long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
        Path lockFile = lockFile();
        if (heldByCurrentThread()) {
            return Optional.of(Held.nested());
        }
        Semaphore local = IN_THIS_JVM.computeIfAbsent(lockFile, p -> new Semaphore(1, true));
        try {
            if (!local.tryAcquire(remaining(deadline), TimeUnit.NANOSECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        FileChannel channel = null;
        boolean handedOver = false;
        try {
            channel = open(lockFile);
            while (true) {
                FileLock fileLock = tryLock(channel);
                if (fileLock != null) {
                    handedOver = true;
                    OWNERS.put(lockFile, Thread.currentThread());
                    return Optional.of(new Held(channel, fileLock, local, lockFile));
                }
                long left = remaining(deadline);
                if (left == 0) {
                    return Optional.empty();
                }
                TimeUnit.NANOSECONDS.sleep(Math.min(left, RETRY_NANOS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (!handedOver) {
                closeQuietly(channel);
                local.release();
            }
        }
    }

    /**
     * The lock file's real path: the directory is created (owner-only) and resolved once, not at every acquisition
     * (each store write takes the lock, and this was several system calls each time).
     */
    private Path lockFile() throws IOException {
        Path known = resolved;
        if (known != null) {
            return known;
        }
        AtomicFileWriter.createPrivateDirectories(directory);
        known = directory.toRealPath().resolve(lockFileName);
        resolved = known;
        return known;
    }

    /** The lock file, opened for locking; a directory removed since it was resolved is created again. */
    private FileChannel open(Path lockFile) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            return FileChannel.open(lockFile, options, AtomicFileWriter.ownerOnlyFile(lockFile));
        } catch (NoSuchFileException e) {
            AtomicFileWriter.createPrivateDirectories(lockFile.getParent());
            return FileChannel.open(lockFile, options, AtomicFileWriter.ownerOnlyFile(lockFile));
        }
    }

    /** Whether this thread holds the lock (a nested acquisition would be a no-op). */
    boolean heldByCurrentThread() {
        Path known = resolved;
        return known != null && OWNERS.get(known) == Thread.currentThread();
    }

    /**
     * Waits up to {@code wait} for the lock, for a step of the shared state that cannot go on without it.
     *
     * @throws StoreUnavailableException if it was not free in time (another writer keeps it) or the thread was
     *                                   interrupted
     */
    Held acquire(Duration wait) throws IOException {
        return tryAcquire(wait).orElseThrow(() -> new StoreUnavailableException(
                "store directory " + directory + " is locked by another writer (waited " + wait + ")", null));
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // another class loader in this JVM holds it
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was locked through this channel
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    @Override
    public String toString() {
        return "StoreLock[" + file() + "]";
    }

    /** The held lock; closing it releases the file lock, then lets the next thread in. Closing twice is harmless. */
    public static final class Held implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock fileLock;
        private final Semaphore local;
        private final Path lockFile;
        private boolean closed;

        private Held(FileChannel channel, FileLock fileLock, Semaphore local, Path lockFile) {
            this.channel = channel;
            this.fileLock = fileLock;
            this.local = local;
            this.lockFile = lockFile;
        }

        private static Held nested() {
            Held held = new Held(null, null, null, null);
            held.closed = true;
            return held;
        }

        /** Releases the lock; a failure to release is ignored because closing the channel releases it too. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            OWNERS.remove(lockFile);
            try {
                fileLock.release();
            } catch (IOException e) {
                // closing the channel below releases the lock as well
            } finally {
                closeQuietly(channel);
                local.release();
            }
        }
    }
}
