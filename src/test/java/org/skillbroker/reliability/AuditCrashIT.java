package org.skillbroker.reliability;

import org.junit.jupiter.api.Test;
import org.skillbroker.audit.AuditEntry;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit loses nothing to a crash: supervisors change skills on a broker in its own JVM, which is killed with
 * SIGKILL in the middle of it (no shutdown hook, no undeploy). Every change it answered 200 has its line in
 * {@code audit.log}, in order; in database mode ({@code -Dit.store=database}) its row in {@code sb_audit}.
 */
class AuditCrashIT {

    private static final int WORKERS = 4;
    private static final int ANSWERED_BEFORE_KILL = 120;

    @Test
    void everyChangeAnsweredBeforeASigkillHasItsAuditLine() throws Exception {
        try (ProcessBrokerRig rig = new ProcessBrokerRig("audit-crash")) {
            List<String> profiles = rig.profiles(WORKERS);
            Map<String, List<Integer>> answered = new HashMap<>();
            profiles.forEach(p -> answered.put(p, Collections.synchronizedList(new ArrayList<>())));
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger total = new AtomicInteger();
            ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
            List<Future<?>> done = new ArrayList<>();
            try {
                for (String profile : profiles) {
                    done.add(workers.submit(() -> {
                        // each worker alone on its profile, so its changes are in order in the file
                        for (int n = 0; !stop.get(); n++) {
                            int value = n % 10 + 1; // never the value before: every answer is a change
                            HttpResponse<String> r;
                            try {
                                r = rig.change(profile, value, Duration.ofSeconds(10));
                            } catch (java.io.IOException killed) {
                                return null;
                            }
                            if (r.statusCode() != 200) {
                                throw new AssertionError("PATCH answered " + r.statusCode() + ": " + r.body());
                            }
                            answered.get(profile).add(value);
                            total.incrementAndGet();
                        }
                        return null;
                    }));
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (total.get() < ANSWERED_BEFORE_KILL) {
                    assertTrue(System.nanoTime() < deadline, "only " + total.get() + " changes answered");
                    for (Future<?> f : done) {
                        if (f.isDone()) {
                            f.get(); // a worker that failed says why
                        }
                    }
                    Thread.sleep(5);
                }
                rig.broker.kill(); // while every worker has a change in flight
                stop.set(true);
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                stop.set(true);
                workers.shutdownNow();
            }
            assertTrue(!rig.broker.isAlive());

            Map<String, List<Integer>> audited = new HashMap<>();
            List<String> auditLines = rig.auditLines();
            for (String line : auditLines) {
                AuditEntry e;
                try {
                    e = AuditEntry.fromJson(line);
                } catch (IllegalArgumentException torn) {
                    continue; // at most a line cut by the kill, of a change never answered
                }
                if ("changed".equals(e.outcome())) {
                    audited.computeIfAbsent(e.profileId(), k -> new ArrayList<>())
                            .add(((jakarta.json.JsonNumber) e.changes().get(0).after()).intValue());
                }
            }
            int checked = 0;
            for (String profile : profiles) {
                List<Integer> ok = List.copyOf(answered.get(profile));
                List<Integer> lines = audited.getOrDefault(profile, List.of());
                // the answered changes, in order, then at most the one in flight when the process died
                assertTrue(lines.size() >= ok.size() && lines.size() <= ok.size() + 1,
                        profile + ": " + ok.size() + " answered 200, " + lines.size() + " audit lines");
                assertEquals(ok, lines.subList(0, ok.size()), profile + ": the audit lines of the answered changes");
                checked += ok.size();
            }
            assertTrue(checked >= ANSWERED_BEFORE_KILL, "changes checked: " + checked);
            rig.assertNoSecretsIn(rig.broker.output() + String.join("\n", auditLines));
        }
    }
}
