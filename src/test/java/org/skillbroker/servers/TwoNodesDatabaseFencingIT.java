package org.skillbroker.servers;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skillbroker.it.AdminFlow;
import org.skillbroker.it.Health;
import org.skillbroker.simulator.Fault;
import org.skillbroker.simulator.Received;
import org.skillbroker.simulator.WebexSimulator;
import org.skillbroker.state.jdbc.JdbcClusterState;
import org.skillbroker.token.Grant;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stale node is fenced: two Tomcat nodes share their state in PostgreSQL. The node holding the refresh lease
 * freezes (SIGSTOP) while its refresh request is out at Webex; its lease runs out, the other node takes it over
 * (a larger fencing token) and starts its own refresh; then the frozen node wakes (SIGCONT) with Webex's answer in
 * hand and tries to store it. The stored grant is still the generation it read, so only the fencing token can
 * refuse that write: the database refuses it, and the grant the new holder then stores is the one that stays.
 */
class TwoNodesDatabaseFencingIT {

    private static final List<Integer> PORTS = List.of(Integer.getInteger("fencing.node.port.a", 18820),
            Integer.getInteger("fencing.node.port.b", 18821));
    private static final Duration LEASE_TTL = Duration.ofSeconds(2);
    /** The frozen node's refresh answer comes this late; the new holder's later still, so it still holds the lease
     *  when the frozen node wakes with its answer. */
    private static final Duration STALE_ANSWER = Duration.ofSeconds(6);
    private static final Duration NEW_ANSWER = Duration.ofSeconds(10);
    /** Refreshed at 0.175 of it, every 15.75 s: the new holder's token (issued when its slow request started) is
     *  not due again for seconds after it is stored, so the next cycle's write does not follow at once. */
    private static final Duration LIFETIME = Duration.ofSeconds(90);

    private final WebexSimulator sim = Servers.simulator();
    private final List<TomcatNode> nodes = new ArrayList<>();

    @AfterEach
    void tearDown() {
        sim.faults().clear();
        for (TomcatNode node : nodes) {
            if (node.isAlive()) {
                node.resume(); // a frozen process cannot shut down
            }
            node.stop();
        }
        sim.setAccessTokenLifetime(Duration.ofSeconds(43199));
    }

    @Test
    void aNodeThatStalledHoldingTheLeaseCannotWriteOverTheNewerGrant() throws Exception {
        Path scratch = Servers.scratch("TwoNodesDatabaseFencingIT");
        DatabaseNodes database = new DatabaseNodes();
        String publicBase = "http://127.0.0.1:" + PORTS.get(0) + "/skill-broker"; // the admin connects at node a
        Map<String, String> settings = new LinkedHashMap<>(Servers.settings(publicBase, scratch.resolve("unused")));
        settings.put("skillbroker.refresh.at-share", "0.175");
        settings.put("skillbroker.refresh.check-interval", "PT0.5S");
        settings.put("skillbroker.refresh.backoff-initial", "PT0.5S");
        settings.put("skillbroker.refresh.backoff-max", "PT1S");
        settings.put("skillbroker.store.lease-ttl", LEASE_TTL.toString());
        // the frozen node's answer must still be read when it wakes, not timed out
        settings.put("skillbroker.http.read-timeout", "PT60S");
        database.settings(settings);
        for (int i = 0; i < 2; i++) {
            TomcatNode node = new TomcatNode("fencing-" + (char) ('a' + i), TomcatNode.home(),
                    scratch.resolve("base-" + (char) ('a' + i)), PORTS.get(i));
            node.settings(settings);
            database.prepare(node);
            node.deploy(Servers.war());
            node.start();
            nodes.add(node);
        }
        for (TomcatNode node : nodes) {
            node.awaitDeployed(Duration.ofSeconds(120));
        }
        sim.setAccessTokenLifetime(LIFETIME);
        Instant connected = Instant.now();
        assertEquals(303, new AdminFlow(publicBase).connectAs("admin").status());
        for (TomcatNode node : nodes) {
            Poll.until(() -> "UP".equals(Health.at(node.baseUrl()).status()), Duration.ofSeconds(30),
                    node.name() + " serves the shared grant");
        }

        // right after a refresh (none is due for seconds), the next refresh's answer is made slow, the one after
        // it slower
        Poll.until(() -> !refreshes(connected).isEmpty()
                        && Duration.between(last(refreshes(connected)), Instant.now()).toMillis() < 1500
                        && database.holderPid("refresh").isEmpty(), LIFETIME,
                "a quiet moment right after a refresh");
        Instant since = Instant.now();
        sim.faults().on("POST", "/v1/access_token", Fault.delay(STALE_ANSWER), 1);
        sim.faults().on("POST", "/v1/access_token", Fault.delay(NEW_ANSWER), 1);
        long[] stalePid = new long[1];
        Poll.until(() -> {
            if (refreshes(since).isEmpty()) {
                return false;
            }
            database.holderPid("refresh").ifPresent(pid -> stalePid[0] = pid);
            return stalePid[0] != 0;
        }, Duration.ofSeconds(20), "a node holds the refresh lease while its request is out at Webex");
        TomcatNode stale = nodes.stream().filter(n -> n.pid() == stalePid[0]).findFirst()
                .orElseThrow(() -> new AssertionError("lease held by pid " + stalePid[0] + ", not a node"));
        TomcatNode other = nodes.stream().filter(n -> n != stale).findFirst().orElseThrow();
        DatabaseNodes.LeaseRow staleLease = database.lease("refresh").orElseThrow();
        long generationRead = database.grantGeneration();

        stale.pause();
        Instant frozenAt = Instant.now();

        // its lease is no longer renewed: it expires, the other node takes it with a larger token and refreshes
        Poll.until(() -> refreshes(since).size() >= 2 && database.lease("refresh")
                        .filter(l -> l.live() && l.pid() == other.pid() && l.token() > staleLease.token()).isPresent(),
                LEASE_TTL.plusSeconds(15), "the other node took the lease over and sent its refresh");
        Instant staleAnswered = refreshes(since).get(0).plus(STALE_ANSWER);
        Poll.until(() -> Instant.now().isAfter(staleAnswered.plusMillis(500)), STALE_ANSWER.plusSeconds(5),
                "Webex answered the frozen node's refresh");
        assertEquals(generationRead, database.grantGeneration(), "nobody stored a grant yet");
        assertTrue(database.holderPid("refresh").map(pid -> pid == other.pid()).orElse(false),
                "the new holder is still in its refresh");

        stale.resume();

        Poll.until(() -> fencedTokens(stale.log()).contains(staleLease.token()), Duration.ofSeconds(15),
                "the woken node tried to store its refresh and its fencing token " + staleLease.token()
                        + " was refused");
        assertEquals(generationRead, database.grantGeneration(), "the stale write left nothing behind");

        // the new holder's refresh arrives and is stored; it is the grant that stays
        Poll.until(() -> database.grantGeneration() > generationRead, NEW_ANSWER.plusSeconds(10),
                "the new holder stored its refresh");
        try (JdbcClusterState reader = database.reader(scratch, sim.orgId())) {
            Grant stored = reader.grant().load().orElseThrow();
            assertEquals(generationRead + 1, stored.generation(), "one write: the new holder's");
            assertTrue(stored.tokens().issuedAt().isAfter(frozenAt),
                    "the stored tokens are the new holder's (issued " + stored.tokens().issuedAt()
                            + "), not the frozen node's (requested before " + frozenAt + ")");
        }
        for (TomcatNode node : nodes) {
            Poll.until(() -> "UP".equals(Health.at(node.baseUrl()).status()), Duration.ofSeconds(15),
                    node.name() + " serves the newer grant");
        }
        assertEquals(List.of(), fencedTokens(other.log()), "the new holder was never fenced");
        for (TomcatNode node : nodes) {
            assertEquals(List.of(), Servers.leakedInto(node.log()), "secrets in the log of " + node.name());
        }
    }

    /** The fencing tokens of the refresh lease whose grant write the store refused, as the node logged them. */
    private static List<Long> fencedTokens(String log) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("not writing the grant: lease refresh \\(fencing token ([0-9.,\\u00a0 ]+)\\) was lost").matcher(log);
        List<Long> tokens = new ArrayList<>();
        while (m.find()) {
            tokens.add(Long.parseLong(m.group(1).replaceAll("[^0-9]", "")));
        }
        return tokens;
    }

    private static Instant last(List<Instant> instants) {
        return instants.get(instants.size() - 1);
    }

    /** When the simulator received each refresh-token request since {@code since}, in order. */
    private List<Instant> refreshes(Instant since) {
        return sim.received().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/v1/access_token")
                        && r.body().contains("grant_type=refresh_token") && !r.at().isBefore(since))
                .map(Received::at).sorted().toList();
    }
}
