package org.skillbroker.state.file;

import org.skillbroker.token.Grant;
import org.skillbroker.token.Keyring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JVM killed with SIGKILL while it writes grants in a tight loop leaves either the old or the new grant on
 * disk, never a broken or missing one: the writer runs as a child process and is killed at random moments.
 */
class GrantStoreCrashTest {

    private static final byte[] KEY = new byte[32];
    private static final int KILLS = 12;

    @TempDir
    Path dir;

    /** The child process: writes generation 0, 1, 2 ... and reports each one once it is on disk. */
    public static void main(String[] args) throws Exception {
        GrantStore store = new GrantStore(Path.of(args[0]), Keyring.of("k1", KEY), GrantStoreTest.ORG, Clock.systemUTC());
        long generation = Long.parseLong(args[1]);
        while (true) {
            store.save(GrantStoreTest.grant(generation));
            System.out.println(generation);
            System.out.flush();
            generation++;
        }
    }

    @Test
    void killedWritersLeaveTheOldOrTheNewGrant() throws Exception {
        Random random = new Random(42);
        GrantStore store = new GrantStore(dir, Keyring.of("k1", KEY), GrantStoreTest.ORG, Clock.systemUTC());
        long next = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), GrantStoreCrashTest.class.getName(),
                    dir.toString(), Long.toString(next))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long lastReported = -1;
            int writesBeforeKill = 1 + random.nextInt(40);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (int i = 0; i < writesBeforeKill; i++) {
                    String line = out.readLine();
                    assertTrue(line != null, "writer died on its own");
                    lastReported = Long.parseLong(line.trim());
                }
                child.toHandle().destroyForcibly(); // SIGKILL inside a later write; keeps our end of the pipe open
                assertTrue(child.waitFor(10, TimeUnit.SECONDS));
                // The child ran ahead of our reading: what it reported before dying is in the pipe.
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (!line.isBlank()) {
                        lastReported = Long.parseLong(line.trim());
                    }
                }
            }

            Grant onDisk = store.load().orElseThrow(() -> new AssertionError("grant lost"));
            long generation = onDisk.generation();
            assertTrue(generation == lastReported || generation == lastReported + 1,
                    "expected the last reported (" + lastReported + ") or the one in flight, found " + generation);
            next = generation + 1;
        }
    }
}
