package org.skillbroker.state.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skillbroker.audit.AuditEntry;
import org.skillbroker.state.ClusterState;
import org.skillbroker.state.ClusterStateContract;
import org.skillbroker.state.Lease;
import org.skillbroker.state.PendingRevert;
import org.skillbroker.simulator.MutableClock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract on a directory, plus what only a directory has: rotation, files left by a crash. */
class FileClusterStateTest extends ClusterStateContract {

    private static final long MAX_BYTES = 8192; // a few dozen lines per file

    @TempDir
    Path dir;

    @Override
    protected ClusterState open(MutableClock clock) {
        return new FileClusterState(dir.resolve("store"), KEYRING, ORG, Optional.of(dir.resolve("store/audit.log")),
                MAX_BYTES, 2, clock);
    }

    /**
     * What this node wrote is not parsed again when read back (a third of a lease change's CPU was that parse), but
     * what another node wrote is: each node sees the other's leases at once.
     */
    @Test
    void aLeaseTableThisNodeWroteIsNotParsedAgainButAnotherNodesIs() throws Exception {
        Path store = dir.resolve("store");
        Files.createDirectories(store);
        FileLeases here = new FileLeases(store, new StoreLock(store), clock, Duration.ofSeconds(30));
        FileLeases there = new FileLeases(store, new StoreLock(store), clock, Duration.ofSeconds(30));
        Lease mine = here.tryAcquire("profile-write:a", Duration.ofSeconds(30), Duration.ZERO).orElseThrow();
        long parsed = here.parses();

        for (int i = 0; i < 5; i++) {
            assertTrue(mine.isCurrent());
        }
        Lease other = here.tryAcquire("profile-write:b", Duration.ofSeconds(30), Duration.ZERO).orElseThrow();

        assertEquals(parsed, here.parses(), "the text this node wrote is known");
        assertTrue(there.tryAcquire("profile-write:a", Duration.ofSeconds(30), Duration.ZERO).isEmpty());
        assertTrue(there.tryAcquire("profile-write:b", Duration.ofSeconds(30), Duration.ZERO).isEmpty());
        Lease theirs = there.tryAcquire("profile-write:c", Duration.ofSeconds(30), Duration.ZERO).orElseThrow();
        assertTrue(here.tryAcquire("profile-write:c", Duration.ofSeconds(30), Duration.ZERO).isEmpty(),
                "the other node's write is read");
        assertTrue(here.parses() > parsed);
        for (Lease lease : new Lease[]{mine, other, theirs}) {
            lease.close();
        }
        here.close();
        there.close();
    }

    /**
     * A lease change reuses the open lock file and lease file (opening and closing both for every change was most of
     * its system calls), and closing the store (undeploy) closes every file it kept open: the lock file, the lease
     * file, the audit file and its lock. A lease given back after the close still reaches the file, and leaves
     * nothing open.
     */
    @Test
    void leaseChangesReuseTheOpenFilesAndAClosedStoreLeavesNoneOpen() throws Exception {
        Path store = dir.resolve("store");
        ClusterState state = open(clock);
        Lease late = state.leases().tryAcquire("profile-write:late", Duration.ofSeconds(30), Duration.ZERO)
                .orElseThrow();
        for (int i = 0; i < 10; i++) {
            Lease lease = state.leases().tryAcquire("profile-write:a", Duration.ofSeconds(30), Duration.ZERO)
                    .orElseThrow();
            assertTrue(lease.isCurrent());
            lease.close();
        }
        state.audit().append(entry(clock.instant(), "p1", "changed"));
        FileLeases leases = (FileLeases) state.leases();
        assertEquals(1, leases.opens(), "leases.slots opened once for 21 lease changes");
        assertEquals(4, OpenFiles.under(store), "grant.lock, leases.slots, audit.log and audit.log.lock");

        state.close();
        assertEquals(0, OpenFiles.under(store), "nothing left open after close");
        late.close();
        assertEquals(0, OpenFiles.under(store), "nothing left open by a lease change after close");
        try (ClusterState again = open(clock)) {
            assertTrue(again.leases().tryAcquire("profile-write:late", Duration.ofSeconds(30), Duration.ZERO)
                    .isPresent(), "given back after the close");
        }
        assertEquals(0, OpenFiles.under(store));
    }

    /**
     * Changes that queue for the store lock are written together: eight writers waiting while the lock is held
     * elsewhere cost one rewrite of leases.slots, not eight, and each gets its own lease as if alone.
     */
    @Test
    void leaseChangesWaitingForTheLockAreWrittenInOneGo() throws Exception {
        Path store = dir.resolve("store");
        Files.createDirectories(store);
        FileLeases leases = new FileLeases(store, new StoreLock(store), clock, Duration.ofSeconds(30));
        int writers = 8;
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        java.util.Map<String, Lease> taken = new java.util.concurrent.ConcurrentHashMap<>();
        try (StoreLock.Held elsewhere = new StoreLock(store).acquire(Duration.ofSeconds(5))) {
            for (int i = 0; i < writers; i++) {
                String name = "profile-write:p" + i;
                Thread t = new Thread(() -> leases.tryAcquire(name, Duration.ofSeconds(30), Duration.ZERO)
                        .ifPresent(lease -> taken.put(name, lease)));
                threads.add(t);
                t.start();
            }
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
            while (!threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING
                    || t.getState() == Thread.State.TIMED_WAITING)) {
                assertTrue(java.time.Instant.now().isBefore(deadline), "all writers wait for the lock");
                Thread.onSpinWait();
            }
        }
        for (Thread t : threads) {
            t.join(20_000);
        }
        assertEquals(writers, taken.size(), "every writer got its lease");
        assertEquals(writers, taken.values().stream().mapToLong(Lease::fencingToken).distinct().count());
        assertEquals(1, leases.rewrites(), "one rewrite for all eight");
        for (String name : taken.keySet()) {
            assertTrue(leases.tryAcquire(name, Duration.ofSeconds(30), Duration.ZERO).isEmpty(), name + " is held");
        }
        taken.values().forEach(Lease::close);
        assertEquals(writers, leases.tryAcquire("profile-write:p0", Duration.ofSeconds(30), Duration.ZERO)
                .map(l -> { l.close(); return writers; }).orElse(0), "released");
        leases.close();
    }

    @Test
    void theAuditFileIsRotatedBySizeAndNeverGrowsBeyondItsBound() throws Exception {
        int lines = 200;
        for (int i = 0; i < lines; i++) {
            node1.audit().append(entry(START.plusSeconds(i), "p-" + (i % 5), "changed-" + i));
        }

        long total = 0;
        try (Stream<Path> files = Files.list(dir.resolve("store"))) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("audit.log")
                    && !p.getFileName().toString().endsWith(".lock")).toList()) {
                assertTrue(Files.size(p) <= MAX_BYTES, p + " is " + Files.size(p) + " bytes");
                total += Files.size(p);
            }
        }
        assertTrue(total <= 3 * MAX_BYTES, "at most max-bytes x (rotated + 1): " + total);
        assertTrue(Files.exists(dir.resolve("store/audit.log.2")));
        assertTrue(!Files.exists(dir.resolve("store/audit.log.3")));
        assertEquals("changed-199", node2.audit().latest(1).get(0).outcome());
        // history spans the rotated files, newest first
        var history = node2.audit().history("p-4", Optional.empty(), 500);
        assertEquals("changed-199", history.get(0).outcome());
        assertTrue(history.size() > 4, "found in more than the current file: " + history.size());
        for (int i = 1; i < history.size(); i++) {
            assertTrue(history.get(i - 1).time().isAfter(history.get(i).time()));
        }
    }

    @Test
    void twoNodesKeepingTheFileOpenWriteIntoTheCurrentFileAcrossEachOthersRotations() throws Exception {
        int lines = 200;
        for (int i = 0; i < lines; i++) {
            (i % 2 == 0 ? node1 : node2).audit().append(entry(START.plusSeconds(i), "p-" + (i % 5), "changed-" + i));
        }
        // a node still writing into the file the other rotated away would grow audit.log.1 beyond the bound and
        // put lines out of order
        int previous = Integer.MAX_VALUE;
        for (String name : new String[]{"audit.log", "audit.log.1", "audit.log.2"}) {
            Path p = dir.resolve("store").resolve(name);
            assertTrue(Files.size(p) <= MAX_BYTES, p + " is " + Files.size(p) + " bytes");
            java.util.List<String> inFile = Files.readAllLines(p);
            for (int i = inFile.size() - 1; i >= 0; i--) {
                int n = Integer.parseInt(AuditEntry.fromJson(inFile.get(i)).outcome().substring("changed-".length()));
                assertEquals(previous == Integer.MAX_VALUE ? lines - 1 : previous - 1, n, "line order in " + name);
                previous = n;
            }
        }
    }

    @Test
    void auditLinesAreFsyncedInGroupsRightBehindTheWriters() throws Exception {
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        node1.audit().append(entry(START.plusSeconds(i), "p-" + thread, "changed-" + i));
                    }
                    return null;
                }));
            }
            for (var f : done) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (node1.audit().syncCounts().unsynced() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        var counts = node1.audit().syncCounts();
        assertEquals(400, counts.lines());
        assertEquals(0, counts.unsynced(), "every line fsynced soon after it was written");
        assertTrue(counts.fsyncs() >= 1 && counts.fsyncs() <= 400, "fsyncs: " + counts.fsyncs());
        assertEquals(0, counts.waits(), "no back-pressure on a healthy disk");
    }

    @Test
    void aTornLastAuditLineIsSkipped() throws Exception {
        node1.audit().append(entry(START, "p-a", "changed-0"));
        Files.writeString(dir.resolve("store/audit.log"), "{\"time\":\"2026-", java.nio.file.StandardOpenOption.APPEND);

        assertEquals("changed-0", node2.audit().latest(5).get(0).outcome());
        assertEquals(1, node2.audit().latest(5).size());
    }

    @Test
    void withTheAuditFileOffTheTrailIsKeptInMemory() throws Exception {
        FileClusterState off = new FileClusterState(dir.resolve("store"), KEYRING, ORG, Optional.empty(), MAX_BYTES,
                2, clock);
        off.audit().append(entry(START, "p-a", "changed-0"));

        assertEquals(1, off.audit().latest(10).size());
        assertTrue(!Files.exists(dir.resolve("store/audit.log")));
    }

    @Test
    void anUnreadableLeaseFileFreesTheLeasesButKeepsTokensGrowing() throws Exception {
        Lease before = node1.leases().tryAcquire("refresh", Duration.ofSeconds(30), Duration.ZERO).orElseThrow();
        Files.writeString(dir.resolve("store/" + FileLeases.FILE), "{\"next\":");

        Lease after = node2.leases().tryAcquire("refresh", Duration.ofSeconds(30), Duration.ZERO).orElseThrow();

        assertTrue(after.fencingToken() > before.fencingToken());
        assertTrue(!before.isCurrent());
    }

    /** An intact slot whose text is not a lease table (a hand edit) counts as no leases too, tokens still growing. */
    @Test
    void aLeaseFileWhoseNewestStateIsNoTableFreesTheLeasesButKeepsTokensGrowing() throws Exception {
        Lease before = node1.leases().tryAcquire("refresh", Duration.ofSeconds(30), Duration.ZERO).orElseThrow();
        SlotFile file = new SlotFile(dir.resolve("store/" + FileLeases.FILE));
        file.write(file.read(), "{\"next\":");

        Lease after = node2.leases().tryAcquire("refresh", Duration.ofSeconds(30), Duration.ZERO).orElseThrow();

        assertTrue(after.fencingToken() > before.fencingToken());
        assertTrue(!before.isCurrent());
    }

    @Test
    void pendingRevertsAreBounded() throws Exception {
        FileReverts reverts = new FileReverts(dir.resolve("store"), new StoreLock(dir.resolve("store")),
                Duration.ofSeconds(5), 3);
        for (int i = 0; i < 3; i++) {
            reverts.put(new PendingRevert("r" + i, START, "{}"));
        }

        org.junit.jupiter.api.Assertions.assertThrows(org.skillbroker.state.StoreWriteException.class,
                () -> reverts.put(new PendingRevert("one-more", START, "{}")));
        reverts.put(new PendingRevert("r1", START.plusSeconds(1), "{}")); // replacing is not adding
        assertEquals(3, reverts.list().size());
    }
}
