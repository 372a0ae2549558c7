package org.skillbroker.state.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skillbroker.audit.AuditEntry;
import org.skillbroker.changes.FieldChange;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An undeploy leaves no audit thread behind: Tomcat checks for the web app's threads right after contextDestroyed
 * and reports any still running as a memory leak (the benchmark's footprint section saw
 * {@code skill-broker-audit-fsync} reported under load). close() returns only once the fsync thread has ended.
 */
class FileAuditCloseTest {

    @TempDir
    Path dir;

    @Test
    void closeReturnsOnlyOnceTheFsyncThreadHasEnded() throws Exception {
        for (int round = 0; round < 50; round++) {
            List<Thread> before = fsyncThreads(); // other tests' audits in this JVM are not this one's
            FileAudit audit = new FileAudit(Optional.of(dir.resolve("audit-" + round + ".log")), 1_000_000, 1);
            for (int i = 0; i < 20; i++) {
                audit.append(entry(i)); // starts the fsync thread, which fsyncs behind the writes
            }
            audit.close();
            List<Thread> left = fsyncThreads();
            left.removeAll(before);
            assertEquals(List.of(), left, "round " + round + ": the fsync thread outlived close()");
        }
    }

    private static List<Thread> fsyncThreads() {
        return new java.util.ArrayList<>(Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().equals("skill-broker-audit-fsync")).toList());
    }

    private static AuditEntry entry(int i) {
        return new AuditEntry(Instant.parse("2026-11-30T06:00:00Z").plusSeconds(i), "person-9", "sup@example.com",
                "Sam Supervisor", "org-1", "p-" + i, "Profile " + i,
                List.of(new FieldChange("skill-1", "German", jakarta.json.Json.createValue(3),
                        jakarta.json.Json.createValue(7))), "changed", 200, "tracking-1", "192.0.2.1");
    }
}
