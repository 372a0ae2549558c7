package org.skillbroker.reliability;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No request waits on a log: the broker runs in its own JVM whose stdout and stderr go to a pipe; the test stops
 * reading the pipe (a paused log shipper, a terminal on hold), so the console's writes block once its buffer is
 * full. Changes must go on answering as fast as before, with every audit line in the audit file, and the logger's
 * copy catching up once the console is read again.
 */
class StalledConsoleIT {

    private static final int BEFORE = 40;
    /** About 500 bytes of console per audit line: several times the 64 KiB of a Linux pipe. */
    private static final int STALLED = 300;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void changesAreAnsweredAsFastWhileNobodyReadsTheConsole() throws Exception {
        try (ProcessBrokerRig rig = new ProcessBrokerRig("stalled-console")) {
            String profile = rig.profiles(1).get(0);
            long[] before = changes(rig, profile, 0, BEFORE);

            rig.broker.pauseOutput();
            long[] stalled = changes(rig, profile, BEFORE, STALLED);
            String metrics = rig.metrics();
            double queued = ProcessBrokerRig.sample(metrics, "skillbroker_audit_logger_queued");
            // proves the console really stalled: the logger's thread is stuck with lines waiting behind it
            assertTrue(queued > 0, "audit lines waiting for the stalled console: " + queued);

            double p50Before = median(before);
            double p50Stalled = median(stalled);
            assertTrue(p50Stalled <= 3 * p50Before + 10,
                    "median PATCH " + p50Stalled + " ms with the console stalled vs " + p50Before + " ms before");

            rig.broker.resumeOutput();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (ProcessBrokerRig.sample(rig.metrics(), "skillbroker_audit_logger_queued") > 0) {
                assertTrue(System.nanoTime() < deadline, "the logger catches up once the console is read again");
                Thread.sleep(20);
            }
            assertEquals(0.0, ProcessBrokerRig.sample(rig.metrics(), "skillbroker_audit_logger_dropped_total"));
            List<String> audit = rig.auditLines();
            long inFile = audit.stream().filter(l -> l.contains(profile)).count();
            assertEquals(BEFORE + STALLED, inFile, "every change has its line in the audit (file or rows)");
            String output = rig.broker.output();
            long onConsole = output.lines().filter(l -> l.contains(profile) && l.contains("\"outcome\"")).count();
            assertEquals(BEFORE + STALLED, onConsole, "and, late, on the console");
            rig.assertNoSecretsIn(output + String.join("\n", audit));
        }
    }

    /** {@code n} changes in a row (values 1, 2, 1, …, each a change), each answered 200 within the timeout. */
    private static long[] changes(ProcessBrokerRig rig, String profile, int from, int n) throws Exception {
        long[] millis = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = rig.change(profile, (from + i) % 2 + 1, TIMEOUT);
            millis[i] = (System.nanoTime() - t) / 1_000_000;
            assertEquals(200, r.statusCode(), r.body());
        }
        return millis;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
