package org.skillbroker.state.file;

import org.skillbroker.state.StoreUnavailableException;

import org.skillbroker.token.AtomicFileWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
 * <p>The lock file stays open between acquisitions: one channel per lock file and class loader, shared by every
 * {@code StoreLock} of that file here, opened at the first acquisition and closed when the last of them is closed
 * (the store's {@code close()}, at undeploy). Opening and closing it at every acquisition was four system calls of
 * the six a lock cost, on every lease change (each change of a profile takes and releases a lease); what is left
 * is the lock, one {@code stat} and the unlock. One channel per class loader, not one per {@code StoreLock}: on
 * POSIX, closing any channel on a file drops every OS lock the process holds on it ({@link FileLock} javadoc), so
 * a second channel closed here would drop a lock held through the first. A {@code StoreLock} used after it was
 * closed, with no other open one on its file, opens the file for that acquisition only, as before.
 *
 * <p>A lock on a file that is no longer the one at its path excludes nobody (an operator removed the store
 * directory, and it was made again). So every acquisition compares, once it holds the OS lock, the path's file
 * key (one {@code stat}: device and inode) with the key the open channel was opened on, and opens the file again
 * when they differ. Nodes themselves never delete or replace the lock file. Where the file system gives no file
 * key, or on a network file system ({@link KeptOpen}), the file is opened for each acquisition, as before.
 *
 * <p>Caveat for that cross-class-loader case (two web apps of this JVM on one directory): closing a channel drops
 * the other web app's OS lock too, so another <em>process</em> could get in while that web app still holds it.
 * Channels are now closed only when a store is closed (undeploy), after taking the OS lock here first, which a
 * web app of this JVM holding it delays by up to {@link #CLOSE_WAIT}; the JDK's own release-then-close leaves a
 * window of a few instructions even then. One web app per JVM per directory, or one JVM per directory, avoids it.
 *
 * <p>Held only for one read-and-rewrite of the directory's files, never across a Webex call: what must span a call
 * is a lease ({@link FileLeases}). Reentrant for the thread that holds it: a fenced grant write holds the lock and
 * checks the lease, which takes the same lock; a nested acquisition is a no-op whose close releases nothing.
 */
public final class StoreLock implements AutoCloseable {

    static final String LOCK_FILE = "grant.lock";
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** How long closing the last {@code StoreLock} of a file waits for a holder before it closes the channel. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final Map<Path, LockFile> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final Path directory;
    private final String lockFileName;
    private volatile LockFile shared;
    // guarded by this
    private boolean registered;
    private boolean closed;

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
        LockFile lockFile = lockFile();
        if (lockFile.owner == Thread.currentThread()) {
            return Optional.of(Held.nested());
        }
        try {
            if (!lockFile.permits.tryAcquire(remaining(deadline), TimeUnit.NANOSECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        boolean handedOver = false;
        try {
            while (true) {
                FileLock fileLock = tryLock(lockFile.channel());
                if (fileLock != null) {
                    if (lockFile.stillAtItsPath()) {
                        handedOver = true;
                        lockFile.owner = Thread.currentThread();
                        return Optional.of(new Held(lockFile, fileLock));
                    }
                    lockFile.discard(); // a lock on a removed file: releases it, the next turn opens the new one
                    continue;
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
        } catch (IOException | RuntimeException e) {
            lockFile.discard(); // a channel that failed is not trusted (an interrupt closes it, for one)
            throw e;
        } finally {
            if (!handedOver) {
                lockFile.closeUnlessUsed();
                lockFile.permits.release();
            }
        }
    }

    /**
     * The lock file's entry: the directory is created (owner-only) and resolved once, not at every acquisition
     * (each store write takes the lock, and this was several system calls each time).
     */
    private LockFile lockFile() throws IOException {
        LockFile known = shared;
        if (known != null) {
            return known;
        }
        AtomicFileWriter.createPrivateDirectories(directory);
        Path path = directory.toRealPath().resolve(lockFileName);
        synchronized (this) {
            if (shared == null) {
                shared = IN_THIS_JVM.computeIfAbsent(path, LockFile::new);
                if (!closed) {
                    registered = true;
                    shared.use();
                }
            }
            return shared;
        }
    }

    /** Whether this thread holds the lock (a nested acquisition would be a no-op). */
    boolean heldByCurrentThread() {
        LockFile known = shared;
        return known != null && known.owner == Thread.currentThread();
    }

    /** How often the lock file was opened in this class loader: once while a store is open, unless it was replaced. */
    long opens() {
        LockFile known = shared;
        return known == null ? 0 : known.opens.get();
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

    /**
     * Lets go of the lock file (undeploy): when no other open {@code StoreLock} of this class loader uses it, its
     * channel is closed, at once if no thread here holds the lock, else by the holder as it lets go. Acquiring after
     * this still works, opening the file for that acquisition only. Closing twice is harmless.
     */
    @Override
    public void close() {
        LockFile lockFile;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (!registered) {
                return;
            }
            lockFile = shared;
        }
        if (lockFile.release()) {
            lockFile.closeWhenFree();
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // another class loader in this JVM holds it
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    @Override
    public String toString() {
        return "StoreLock[" + file() + "]";
    }

    /**
     * One lock file as this class loader uses it: the semaphore that queues its threads, the thread holding it, and
     * the channel kept open while a {@code StoreLock} of it is open. The channel and its key are touched only by
     * the thread holding {@link #permits}.
     */
    private static final class LockFile {
        private final Path path;
        private final Semaphore permits = new Semaphore(1, true);
        private final AtomicLong opens = new AtomicLong();
        /** False on a network file system: opened for each acquisition there ({@link KeptOpen}). */
        private final boolean keep;
        private volatile Thread owner;
        private FileChannel channel;
        private Object key;
        // guarded by this
        private int users;

        LockFile(Path path) {
            this.path = path;
            this.keep = KeptOpen.allowedIn(path.getParent());
        }

        synchronized void use() {
            users++;
        }

        /** @return whether that was the last user */
        synchronized boolean release() {
            return --users == 0;
        }

        private synchronized boolean unused() {
            return users == 0;
        }

        /** The open channel, opened (and the directory made again) if there is none or it was closed. */
        FileChannel channel() throws IOException {
            if (channel != null && channel.isOpen()) {
                return channel;
            }
            discard();
            while (true) {
                // the key before and after opening: equal, the channel is on that file (a replacement in between,
                // which only an operator does, shows as a difference, and the file is opened again)
                Object before = keyOrNull();
                FileChannel opened = open();
                opens.incrementAndGet();
                Object after = keyOrNull();
                if (before == null || before.equals(after)) {
                    channel = opened;
                    key = keep ? after : null; // no key: closed again when let go
                    return opened;
                }
                closeQuietly(opened);
            }
        }

        private FileChannel open() throws IOException {
            Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                return FileChannel.open(path, options, AtomicFileWriter.ownerOnlyFile(path));
            } catch (NoSuchFileException e) {
                AtomicFileWriter.createPrivateDirectories(path.getParent()); // removed since it was resolved
                return FileChannel.open(path, options, AtomicFileWriter.ownerOnlyFile(path));
            }
        }

        /**
         * Whether the locked channel's file is still the one at the path: one {@code stat} per acquisition, against
         * the open and close it replaces. Without file keys the channel was opened for this acquisition.
         */
        boolean stillAtItsPath() throws IOException {
            if (key == null) {
                return true;
            }
            return key.equals(keyOrNull());
        }

        private Object keyOrNull() throws IOException {
            try {
                return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            } catch (NoSuchFileException e) {
                return null;
            }
        }

        /** Closes the channel when no open {@code StoreLock} uses it or the file system gives no file key. */
        void closeUnlessUsed() {
            if (key == null || unused()) {
                discard();
            }
        }

        /** Closes the channel, which releases an OS lock held through it. */
        void discard() {
            FileChannel open = channel;
            channel = null;
            key = null;
            closeQuietly(open);
        }

        /**
         * Closes the channel once no thread here holds the lock (a holder closes it itself as it lets go) and, for
         * up to {@link #CLOSE_WAIT}, once no other web app of this JVM holds it either: closing drops every lock
         * this process holds on the file, theirs included, so it is closed while this class loader holds it.
         */
        void closeWhenFree() {
            long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
            try {
                if (!permits.tryAcquire(CLOSE_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
                    return; // the holder closes it when it lets go: there is no user left
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // the next acquisition closes it
            }
            try {
                if (!unused() || channel == null || !channel.isOpen()) {
                    return;
                }
                try {
                    while (tryLock(channel) == null && remaining(deadline) > 0) {
                        TimeUnit.NANOSECONDS.sleep(Math.min(remaining(deadline), RETRY_NANOS));
                    }
                } catch (IOException e) {
                    // closed below all the same
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                discard();
            } finally {
                permits.release();
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // the OS releases the lock with the descriptor either way
        }
    }

    /** The held lock; closing it releases the file lock, then lets the next thread in. Closing twice is harmless. */
    public static final class Held implements AutoCloseable {
        private final LockFile lockFile;
        private final FileLock fileLock;
        private boolean closed;

        private Held(LockFile lockFile, FileLock fileLock) {
            this.lockFile = lockFile;
            this.fileLock = fileLock;
        }

        private static Held nested() {
            Held held = new Held(null, null);
            held.closed = true;
            return held;
        }

        /**
         * Releases the lock, keeping the channel open for the next acquisition (unless no store uses it any more);
         * a failure to release closes the channel, which releases it too.
         */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            lockFile.owner = null;
            try {
                fileLock.release();
            } catch (IOException e) {
                lockFile.discard();
            } finally {
                lockFile.closeUnlessUsed();
                lockFile.permits.release();
            }
        }
    }
}
