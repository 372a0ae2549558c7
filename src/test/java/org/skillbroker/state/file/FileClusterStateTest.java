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
        Files.writeString(dir.resolve("store/leases.json"), "{\"next\":");

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
