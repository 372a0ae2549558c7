package org.skillbroker.state.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLockTest {

    private static final Duration SHORT = Duration.ofMillis(100);
    private static final Duration LONG = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void otherThreadsAreExcludedUntilTheHolderClosesIt() throws Exception {
        StoreLock first = new StoreLock(dir);
        StoreLock second = new StoreLock(dir.resolve(".")); // another spelling of the same directory

        Optional<StoreLock.Held> held = first.tryAcquire(LONG);
        assertTrue(held.isPresent());
        assertFalse(acquiredInAnotherThread(second));

        held.get().close();
        held.get().close();

        assertTrue(acquiredInAnotherThread(second));
        try (StoreLock.Held again = second.tryAcquire(SHORT).orElseThrow()) {
            assertTrue(Files.exists(dir.resolve("grant.lock")));
        }
        assertTrue(Files.exists(dir.resolve("grant.lock")), "the lock file is never deleted");
    }

    /** The directory is resolved once; one removed since (by an operator cleaning up) is made again, owner-only. */
    @Test
    void aStoreDirectoryRemovedSinceIsCreatedAgain() throws Exception {
        Path store = dir.resolve("store");
        StoreLock lock = new StoreLock(store);
        lock.tryAcquire(LONG).orElseThrow().close();
        Files.delete(store.resolve(StoreLock.LOCK_FILE));
        Files.delete(store);

        try (StoreLock.Held held = lock.tryAcquire(LONG).orElseThrow()) {
            assertTrue(Files.isRegularFile(store.resolve(StoreLock.LOCK_FILE)));
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(store)));
        }
    }

    /**
     * The lock file is opened once, not at every acquisition (open and close were most of a lock's system calls),
     * and closing the last StoreLock of the file closes it: nothing stays open after an undeploy. Acquiring after
     * that still works, with nothing left open.
     */
    @Test
    void theLockFileStaysOpenAcrossAcquisitionsUntilTheLastStoreLockIsClosed() throws Exception {
        StoreLock lock = new StoreLock(dir);
        StoreLock other = new StoreLock(dir); // e.g. the grant's and the leases' of one store, or two stores
        for (int i = 0; i < 5; i++) {
            lock.tryAcquire(LONG).orElseThrow().close();
            other.tryAcquire(LONG).orElseThrow().close();
        }
        assertEquals(1, lock.opens(), "opened once for all ten acquisitions");
        assertEquals(1, OpenFiles.under(dir), "one channel for both StoreLocks of the file");

        lock.close();
        assertEquals(1, OpenFiles.under(dir), "still used by the other");
        other.tryAcquire(LONG).orElseThrow().close();
        other.close();
        assertEquals(0, OpenFiles.under(dir), "closed with the last StoreLock");

        try (StoreLock.Held after = lock.tryAcquire(LONG).orElseThrow()) {
            assertFalse(acquiredInAnotherThread(other));
        }
        assertEquals(0, OpenFiles.under(dir), "an acquisition after close opens the file for itself only");
    }

    /** Closing the last StoreLock while a thread holds the lock leaves the channel to that thread, which closes it. */
    @Test
    void aHolderClosesTheChannelWhenItsStoreWasClosedMeanwhile() throws Exception {
        StoreLock lock = new StoreLock(dir);
        StoreLock.Held held = lock.tryAcquire(LONG).orElseThrow();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(lock::close);
        closing.get(StoreLock.CLOSE_WAIT.multipliedBy(3).toSeconds(), TimeUnit.SECONDS);
        assertEquals(1, OpenFiles.under(dir), "not closed under its holder");
        assertFalse(acquiredInAnotherThread(lock), "still held");
        held.close();
        assertEquals(0, OpenFiles.under(dir));
    }

    /**
     * A lock file replaced since the channel was opened (an operator removed it) is locked anew: a lock on the old
     * file would exclude nobody. Seen in this JVM: the new file's lock is known to the JDK as held.
     */
    @Test
    void aLockFileReplacedSinceIsLockedAnew() throws Exception {
        StoreLock lock = new StoreLock(dir);
        lock.tryAcquire(LONG).orElseThrow().close();
        Path file = dir.resolve(StoreLock.LOCK_FILE);
        Files.delete(file);
        Files.writeString(file, "");

        try (StoreLock.Held held = lock.tryAcquire(LONG).orElseThrow();
             java.nio.channels.FileChannel raw = java.nio.channels.FileChannel.open(file,
                     java.nio.file.StandardOpenOption.WRITE)) {
            org.junit.jupiter.api.Assertions.assertThrows(java.nio.channels.OverlappingFileLockException.class,
                    raw::tryLock, "the file at the path is the one locked");
            assertEquals(2, lock.opens());
        } finally {
            lock.close();
        }
    }

    @Test
    void theHoldingThreadMayAcquireAgainAndTheNestedCloseReleasesNothing() throws Exception {
        StoreLock lock = new StoreLock(dir);
        try (StoreLock.Held outer = lock.tryAcquire(LONG).orElseThrow()) {
            StoreLock.Held nested = new StoreLock(dir).tryAcquire(SHORT).orElseThrow();
            nested.close();
            assertFalse(acquiredInAnotherThread(lock), "still held by the outer acquisition");
        }
        assertTrue(acquiredInAnotherThread(lock));
    }

    private static boolean acquiredInAnotherThread(StoreLock lock) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try (StoreLock.Held held = lock.tryAcquire(SHORT).orElse(null)) {
                return held != null;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(5, TimeUnit.SECONDS);
    }

    @Test
    void waitingThreadGetsTheLockWhenItIsReleased() throws Exception {
        StoreLock lock = new StoreLock(dir);
        StoreLock.Held held = lock.tryAcquire(LONG).orElseThrow();

        CompletableFuture<Boolean> waiter = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try (StoreLock.Held mine = lock.tryAcquire(LONG).orElse(null)) {
                waiter.complete(mine != null);
            } catch (java.io.IOException e) {
                waiter.completeExceptionally(e);
            }
        });
        thread.start();
        // Release only once the other thread is really waiting for the lock.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (thread.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(Thread.State.TIMED_WAITING, thread.getState());
        held.close();

        assertTrue(waiter.get(5, TimeUnit.SECONDS));
    }

    @Test
    void lockHeldByAnotherProcessExcludesUsUntilThatProcessDies() throws Exception {
        Path holder = dir.resolve("Holder.java");
        Files.writeString(holder, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class Holder {
                    public static void main(String[] args) throws Exception {
                        FileChannel channel = FileChannel.open(Path.of(args[0]),
                                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        channel.lock();
                        System.out.println("locked");
                        System.out.flush();
                        Thread.sleep(60_000);
                    }
                }
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, holder.toString(), dir.resolve("grant.lock").toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());

            assertTrue(new StoreLock(dir).tryAcquire(SHORT).isEmpty());

            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            try (StoreLock.Held held = new StoreLock(dir).tryAcquire(LONG).orElseThrow()) {
                assertTrue(Files.exists(dir.resolve("grant.lock")));
            }
        } finally {
            process.destroyForcibly();
        }
    }
}
