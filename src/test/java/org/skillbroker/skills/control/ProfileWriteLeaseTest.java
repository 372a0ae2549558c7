package org.skillbroker.skills.control;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skillbroker.audit.ChangeAttempt;
import org.skillbroker.simulator.Fault;
import org.skillbroker.simulator.MutableClock;
import org.skillbroker.simulator.SimSwitches;
import org.skillbroker.simulator.WebexSimulator;
import org.skillbroker.skills.entity.ProficiencyChange;
import org.skillbroker.state.file.FileClusterState;
import org.skillbroker.token.Keyring;
import org.skillbroker.webex.SkillProfilesClient;
import org.skillbroker.webex.SkillsClient;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Why the {@code profile-write:<id>} lease exists: two nodes (each with its own JVM-local profile locks, sharing
 * one store directory) change different skills of one profile at the same moment, on a Contact Center that lets
 * the last write win (Cisco documents nothing else for a stale {@code version}). The simulator holds each
 * node's read of the profile until the other's read has arrived too, the worst interleaving, whenever both reads
 * can be in flight at once.
 *
 * <p>With the node-local locks only (the guard a node would have without the cluster lease) both read the same
 * version, both write, and the first change is silently gone: the test shows that lost update. With the
 * {@link ClusterWriteGuard} the second node cannot read before the first has written, and both changes stay.
 */
class ProfileWriteLeaseTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How long the simulator holds a read for the other node's read; in vain when the lease serialises them. */
    private static final Duration PAIRING = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));
    private final List<FileClusterState> states = new ArrayList<>();
    private SimulatedAdmin connected;
    private WebexSimulator sim;
    private SkillDirectory directory;

    @BeforeEach
    void setUp() throws Exception {
        connected = new SimulatedAdmin("lease-test", Set.of("cjp:config_read", "cjp:config_write"), this::node, clock);
        sim = connected.sim;
        sim.switches().staleVersion(SimSwitches.StaleVersion.LAST_WRITE_WINS);
        directory = new SkillDirectory(new SkillsClient(connected.http, connected.webex), connected.admin, sim::orgId,
                Duration.ofMinutes(10), clock);
    }

    @AfterEach
    void tearDown() {
        states.forEach(FileClusterState::close);
        connected.close();
    }

    @Test
    void withoutTheClusterLeaseTwoNodesLoseAChange() throws Exception {
        Outcome outcome = writeConcurrently(state -> new ProfileLocks(WAIT));
        assertEquals(1, outcome.lost(), "one node's change overwritten by the other's stale read: " + outcome);
    }

    @Test
    void theProfileWriteLeaseKeepsBothChanges() throws Exception {
        Outcome outcome = writeConcurrently(state -> new ClusterWriteGuard(new ProfileLocks(WAIT), state.leases(),
                Duration.ofSeconds(10), WAIT));
        assertEquals(0, outcome.lost(), "every change kept: " + outcome);
    }

    /** What two nodes' concurrent changes came to: the values asked for and the values stored afterwards. */
    private record Outcome(Map<String, Integer> asked, Map<String, Integer> stored) {
        long lost() {
            return asked.entrySet().stream().filter(e -> !e.getValue().equals(stored.get(e.getKey()))).count();
        }
    }

    /** Node 1 sets skill A to 7, node 2 skill B to 8, at once; each node has its own store handle and guard. */
    private Outcome writeConcurrently(Function<FileClusterState, ProfileWriteGuard> guardOf) throws Exception {
        String a = sim.createSkill(sim.orgId(), "Lease A " + System.nanoTime(), "PROFICIENCY");
        String b = sim.createSkill(sim.orgId(), "Lease B " + System.nanoTime(), "PROFICIENCY");
        Map<String, Integer> skills = new LinkedHashMap<>();
        skills.put(a, 1);
        skills.put(b, 1);
        String profile = sim.createSkillProfile(sim.orgId(), "Lease " + System.nanoTime(), skills);
        List<ProficiencyEditor> nodes = List.of(editor(guardOf.apply(node(sim.orgId()))),
                editor(guardOf.apply(node(sim.orgId()))));

        CyclicBarrier bothRead = new CyclicBarrier(2);
        sim.faults().on("GET", "/organization/*/skill-profile/" + profile, Fault.run(() -> {
            try {
                bothRead.await(PAIRING.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | BrokenBarrierException e) {
                // the other node's read did not come while this one was held: it waits for this node's write
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), 2);
        Map<String, Integer> asked = Map.of(a, 7, b, 8);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = pool.submit(() -> nodes.get(0).change(profile, List.of(new ProficiencyChange(a, 7)),
                    new ChangeAttempt("127.0.0.1")));
            Future<?> second = pool.submit(() -> nodes.get(1).change(profile, List.of(new ProficiencyChange(b, 8)),
                    new ChangeAttempt("127.0.0.1")));
            first.get(30, TimeUnit.SECONDS);
            second.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        JsonObject stored = sim.skillProfile(profile).orElseThrow();
        Map<String, Integer> values = new LinkedHashMap<>();
        stored.getJsonArray("activeSkills").getValuesAs(JsonObject.class)
                .forEach(s -> values.put(s.getString("skillId"), s.getInt("proficiencyValue")));
        return new Outcome(asked, values);
    }

    /** One node's handle on the shared store directory. */
    private FileClusterState node(String orgId) {
        FileClusterState state = new FileClusterState(dir.resolve("store"), Keyring.of("k1", new byte[32]), orgId,
                Optional.empty(), 1 << 20, 0, clock);
        states.add(state);
        return state;
    }

    private ProficiencyEditor editor(ProfileWriteGuard guard) {
        return new ProficiencyEditor(new SkillProfilesClient(connected.http, connected.webex), directory,
                connected.admin, guard, sim::orgId, 5);
    }
}
