package org.skillbroker.skills.control;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skillbroker.simulator.Fault;
import org.skillbroker.simulator.MutableClock;
import org.skillbroker.simulator.WebexSimulator;
import org.skillbroker.state.file.FileClusterState;
import org.skillbroker.token.Keyring;
import org.skillbroker.webex.SkillsClient;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The skill directory against the simulator: a slow upstream call of one request holds up no other. */
class SkillDirectoryTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));
    private SimulatedAdmin connected;
    private WebexSimulator sim;
    private SkillDirectory directory;

    @BeforeEach
    void setUp() throws Exception {
        connected = new SimulatedAdmin("directory-test", Set.of("cjp:config_read"), org -> new FileClusterState(
                dir.resolve("store"), Keyring.of("k1", new byte[32]), org, Optional.empty(), 1 << 20, 0, clock), clock);
        sim = connected.sim;
        directory = new SkillDirectory(new SkillsClient(connected.http, connected.webex), connected.admin, sim::orgId,
                Duration.ofMinutes(10), clock);
    }

    @AfterEach
    void tearDown() {
        connected.close();
    }

    @Test
    void aSlowLookupOfOneSkillDoesNotHoldUpAnotherRequest() throws Exception {
        String german = sim.seededSkills().get("German").toLowerCase();
        assertEquals(Set.of(german), directory.describe(List.of(german)).keySet()); // the list is loaded
        String added = sim.createSkill(sim.orgId(), "Added Later", "PROFICIENCY").toLowerCase();

        CountDownLatch upstream = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        sim.faults().on("GET", "/organization/*/skill/" + added, Fault.run(() -> {
            upstream.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), 1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Map<String, SkillsClient.Skill>> slow = pool.submit(() -> directory.describe(List.of(added)));
            assertTrue(upstream.await(10, TimeUnit.SECONDS), "the first request is waiting for Webex");

            Future<Map<String, SkillsClient.Skill>> other = pool.submit(() -> directory.describe(List.of(german)));
            assertEquals(Set.of(german), other.get(5, TimeUnit.SECONDS).keySet(),
                    "answered while the other request still waits for Webex");

            release.countDown();
            assertEquals("Added Later", slow.get(10, TimeUnit.SECONDS).get(added).name());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
