package org.skillbroker.servers;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.skillbroker.it.AdminFlow;
import org.skillbroker.simulator.Fault;
import org.skillbroker.simulator.WebexSimulator;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Timed changes on two real Tomcat nodes behind nginx sharing one store directory: each due revert is done
 * exactly once although both nodes look for it; a node killed (SIGKILL) while it holds a revert's lease leaves it
 * to the survivor, which does it once the lease ran out; and a revert stored before every node was killed is done
 * by a node restarted afterwards. "Once" is proven at the simulator: the profile's version moves by exactly one
 * write per revert, and the shared audit trail has exactly one "reverted" line for it.
 * {@link TwoNodesDatabaseRevertIT} runs the same with the shared state in PostgreSQL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesRevertIT {

    private static final int NGINX_PORT = Integer.getInteger("reverts.nginx.port", 18112);
    private static final List<Integer> PORTS = List.of(Integer.getInteger("reverts.node.port.a", 18110),
            Integer.getInteger("reverts.node.port.b", 18111));
    private static final List<String> ROUTES = List.of("a", "b");
    protected static final Duration LEASE_TTL = Duration.ofSeconds(3);
    protected final List<TomcatNode> nodes = new ArrayList<>();
    private Nginx nginx;
    protected Path storeDir;
    protected String token;

    protected final WebexSimulator sim = Servers.simulator();

    // ---- what differs between the stores (TwoNodesDatabaseRevertIT overrides them) ----

    protected String name() {
        return "TwoNodesRevertIT";
    }

    /** Settings for the store; {@link #storeDir} is the file store's shared directory. */
    protected void prepareStore(Map<String, String> settings) {
    }

    protected void prepareNode(TomcatNode node) throws Exception {
    }

    /** Whether the change's revert is still stored as pending. */
    protected boolean pending(String changeId) {
        return Files.exists(storeDir.resolve("reverts").resolve(changeId + ".json"));
    }

    /** The shared audit trail's JSON lines, oldest first. */
    protected List<String> auditLines() {
        try {
            Path file = storeDir.resolve("audit.log");
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pid of the node holding the lease of that name now, if any (holder "pid@host/..."). */
    protected Optional<Long> leaseHolder(String name) {
        try {
            return LeaseHolders.inFileStore(storeDir, name);
        } catch (IOException e) {
            return Optional.empty(); // read while being written: ask again
        }
    }

    @BeforeAll
    void start() throws Exception {
        Path scratch = Servers.scratch(name());
        storeDir = scratch.resolve("shared-store");
        nginx = new Nginx(scratch.resolve("nginx"), NGINX_PORT);
        Map<String, String> settings = new LinkedHashMap<>(Servers.settings(nginx.baseUrl(), storeDir));
        settings.put("skillbroker.reverts.check-interval", "PT0.5S");
        settings.put("skillbroker.store.lease-ttl", LEASE_TTL.toString());
        settings.put("skillbroker.api.rate-limit.per-caller", "100000/PT1M");
        settings.put("skillbroker.api.rate-limit.global", "100000/PT1M");
        settings.put("skillbroker.cc.budget", "100000/PT1M");
        prepareStore(settings);
        Servers.simulator().setRateLimitPerMinute(100000);
        for (int i = 0; i < 2; i++) {
            TomcatNode node = new TomcatNode("reverts-" + ROUTES.get(i), TomcatNode.home(),
                    scratch.resolve("base-" + ROUTES.get(i)), PORTS.get(i)).jvmRoute(ROUTES.get(i));
            node.settings(settings);
            prepareNode(node);
            node.deploy(Servers.war());
            node.start();
            nodes.add(node);
        }
        nginx.start(ROUTES, PORTS);
        for (TomcatNode node : nodes) {
            node.awaitDeployed(Duration.ofSeconds(120));
        }
        assertEquals(303, new AdminFlow(nginx.baseUrl()).connectAs("admin").status());
        for (TomcatNode node : nodes) {
            Poll.until(() -> node.status("/health") == 200, Duration.ofSeconds(30), node.name() + " serves the grant");
        }
        token = Servers.simulator().issueDesktopToken(Servers.simulator().admin());
    }

    @AfterAll
    void stop() {
        nodes.forEach(TomcatNode::stop);
        nodes.clear();
        if (nginx != null) {
            nginx.close();
        }
    }

    private String german() {
        return sim.seededSkills().get("German");
    }

    private String profile(String name) {
        return sim.createSkillProfile(sim.orgId(), name, Map.of(german(), 3));
    }

    private int version(String profileId) {
        return sim.skillProfile(profileId).orElseThrow().getInt("version");
    }

    /** A timed change through nginx: German 3 → 7 until {@code until}; answers its change id. */
    private String timedChange(String profileId, Instant until) {
        Widget.Result reply = Widget.patch(nginx.baseUrl(), profileId, token, "{\"activeSkills\":[{\"skillId\":\""
                + german() + "\",\"proficiencyValue\":7}],\"until\":\"" + until + "\"}");
        assertEquals(200, reply.status(), reply.body());
        JsonObject answer = Json.createReader(new StringReader(reply.body())).readObject();
        assertEquals(until.toString(), answer.getString("revertAt"));
        return answer.getString("changeId");
    }

    /** The shared audit trail's "reverted" lines of one change. */
    private long revertedLines(String changeId) {
        return auditLines().stream().filter(l -> l.contains(changeId))
                .map(l -> Json.createReader(new StringReader(l)).readObject())
                .filter(o -> "reverted".equals(o.getString("outcome")) && changeId.equals(o.getString("causeOf", "")))
                .count();
    }

    @Test
    @Order(1)
    void bothNodesLookForDueRevertsAndEachIsDoneExactlyOnce() {
        List<String> profiles = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        List<Integer> versions = new ArrayList<>();
        // one due time for all, far enough ahead that the last change is still made before it on a loaded machine
        Instant due = Instant.now().plusSeconds(20);
        for (int i = 0; i < 8; i++) {
            String id = profile("Two Nodes Revert " + i);
            changes.add(timedChange(id, due));
            profiles.add(id);
            versions.add(version(id));
        }

        assertTrue(changes.stream().allMatch(this::pending), "all stored, none done before its time");
        Poll.until(() -> changes.stream().noneMatch(this::pending), Duration.ofSeconds(90),
                "every revert done");

        for (int i = 0; i < profiles.size(); i++) {
            assertEquals(3, Widget.proficiency(sim, profiles.get(i), german()), "reverted");
            assertEquals(versions.get(i) + 1, version(profiles.get(i)), "exactly one write for the revert");
            assertEquals(1, revertedLines(changes.get(i)), "audited once");
        }
    }

    @Test
    @Order(2)
    void aNodeKilledWhileItHoldsARevertLeavesItToTheSurvivor() throws Exception {
        String id = profile("Two Nodes Revert Killed");
        String change = timedChange(id, Instant.now().plusSeconds(2));
        int changed = version(id);
        // the revert's first read stalls, so the node that took its lease is still holding it when it is killed
        sim.faults().on("GET", "/organization/*/skill-profile/" + id, Fault.delay(Duration.ofSeconds(8)), 1);
        long[] holder = new long[1];
        Poll.until(() -> {
            Optional<Long> pid = leaseHolder("revert:" + change);
            pid.ifPresent(p -> holder[0] = p);
            return pid.isPresent();
        }, Duration.ofSeconds(30), "a node took the revert's lease");
        TomcatNode victim = nodes.stream().filter(n -> n.isAlive() && n.pid() == holder[0]).findFirst().orElseThrow();
        TomcatNode survivor = nodes.stream().filter(n -> n != victim).findFirst().orElseThrow();
        assertEquals(7, Widget.proficiency(sim, id, german()), "not reverted yet");

        victim.kill();
        Instant killed = Instant.now();

        Poll.until(() -> !pending(change), Duration.ofSeconds(30), "the survivor did the revert");
        assertTrue(Duration.between(killed, Instant.now()).compareTo(LEASE_TTL.plusSeconds(10)) < 0,
                "within the lease time and a timer period or two");
        assertEquals(3, Widget.proficiency(sim, id, german()));
        assertEquals(changed + 1, version(id), "written once: the killed node never wrote");
        assertEquals(1, revertedLines(change));
        assertTrue(survivor.isAlive());

        victim.start();
        victim.awaitDeployed(Duration.ofSeconds(120));
        Poll.until(() -> victim.status("/health") == 200, Duration.ofSeconds(30), "the killed node is back");
    }

    @Test
    @Order(3)
    void aRevertStoredBeforeEveryNodeWasKilledIsDoneAfterTheRestart() throws Exception {
        String id = profile("Two Nodes Revert Restart");
        String change = timedChange(id, Instant.now().plusSeconds(15));
        int changed = version(id);
        assertTrue(pending(change), "stored in the shared directory before the answer");

        nodes.forEach(TomcatNode::kill);
        assertEquals(7, Widget.proficiency(sim, id, german()), "nobody reverted it before dying");
        assertTrue(pending(change), "SIGKILL loses nothing");

        TomcatNode first = nodes.get(0);
        first.start();
        first.awaitDeployed(Duration.ofSeconds(120));
        Poll.until(() -> !pending(change), Duration.ofSeconds(60), "the restarted node did the revert");
        assertEquals(3, Widget.proficiency(sim, id, german()));
        assertEquals(changed + 1, version(id));
        assertEquals(1, revertedLines(change));
        nodes.get(1).start();
        nodes.get(1).awaitDeployed(Duration.ofSeconds(120));
    }
}
