package org.skillbroker.servers;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skillbroker.it.AdminFlow;
import org.skillbroker.it.Health;
import org.skillbroker.simulator.Fault;
import org.skillbroker.simulator.Received;
import org.skillbroker.simulator.WebexSimulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes, one grant: two Tomcat 10.1 instances (one distribution, two CATALINA_BASEs) share one store
 * directory and one key behind nginx. While a client changes proficiencies and reads /health through nginx, one
 * node is killed with SIGKILL, then (after it came back) the node that holds the refresh lease in the middle of a
 * refresh is killed. {@link TwoNodesDatabaseIT} runs the same with the shared state in PostgreSQL. The access token lives 20 s and is refreshed at 0.175 of its lifetime: a refresh cycle is 3.5 s.
 */
class TwoNodesIT {

    /** Leases outlive a killed or stalled holder by this; the nodes renew theirs every third of it. */
    protected static final Duration LEASE_TTL = Duration.ofSeconds(2);

    /** Webex answers expires_in = 20 (whole seconds left); refreshing at 0.175 of it makes a 3.5 s cycle that
     *  leaves 16.5 s of validity for a late or repeated refresh: a node that (re)starts on a loaded 2-core machine
     *  took up to 10 s for its first refresh while the other waited for the lease, and a token that runs out turns
     *  /health DOWN. (Real tokens live hours and are refreshed at three quarters.) */
    private static final Duration LIFETIME = Duration.ofSeconds(21);
    private static final Duration CYCLE = Duration.ofMillis(3500);
    private static final Duration CHECK = Duration.ofMillis(500);
    protected static final int NGINX_PORT = 19000;
    protected static final List<Integer> PORTS = List.of(19081, 19082);
    private static final List<String> ROUTES = List.of("a", "b");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** How often the supervisor sends one change before giving up, and their pause when no Retry-After came. */
    private static final int MAX_ATTEMPTS = 6;
    private static final Duration TRY_AGAIN = Duration.ofSeconds(1);

    protected final WebexSimulator sim = Servers.simulator();
    private final List<TomcatNode> nodes = new ArrayList<>();
    private Nginx nginx;
    private ScheduledExecutorService traffic;

    @AfterEach
    void tearDown() {
        if (traffic != null) {
            traffic.shutdownNow();
        }
        sim.faults().clear();
        nodes.forEach(TomcatNode::stop);
        if (nginx != null) {
            nginx.close();
        }
        sim.setAccessTokenLifetime(Duration.ofSeconds(43199));
    }

    /** One change of the client: a skill that only it touches, set from 0 to {@code value}. */
    private record Change(String profileId, String skillId, int value) {
    }

    // ---- what differs between the stores (TwoNodesDatabaseIT overrides them) ----

    /** Settings and server files for the store; {@code storeDir} is the file store's shared directory. */
    protected void prepareStore(Path scratch, Map<String, String> settings) throws Exception {
    }

    protected void prepareNode(TomcatNode node) throws Exception {
    }

    /** The pid of the node holding the refresh lease right now (holder "pid@host/..."), if any. */
    protected Optional<Long> refreshLeaseHolder(Path storeDir) throws Exception {
        return LeaseHolders.inFileStore(storeDir, "refresh");
    }

    protected StoreWatcher watcher(Path storeDir) throws Exception {
        return new StoreWatcher(storeDir, Servers.STORE_KEY_ID + "=" + Servers.STORE_KEY, sim.orgId());
    }

    /** A disturbance of the store while the client sends changes (the database: a restart), right after a refresh. */
    protected void disturbStore() throws Exception {
    }

    protected boolean disturbsStore() {
        return false;
    }

    /** While the store was disturbed: /health may then say DOWN (it names the outage). */
    protected Instant outageFrom;
    protected Instant outageTo;

    protected String name() {
        return "TwoNodesIT";
    }

    @Test
    void theSurvivorKeepsServingAndRefreshingAndNothingIsLostOrAppliedTwice() throws Exception {
        Path scratch = Servers.scratch(name());
        Path storeDir = scratch.resolve("shared-store");
        nginx = new Nginx(scratch.resolve("nginx"), NGINX_PORT);
        Map<String, String> settings = new LinkedHashMap<>(Servers.settings(nginx.baseUrl(), storeDir));
        settings.put("skillbroker.refresh.at-share", "0.175");
        settings.put("skillbroker.refresh.check-interval", "PT0.5S");
        settings.put("skillbroker.refresh.backoff-initial", "PT0.5S");
        settings.put("skillbroker.refresh.backoff-max", "PT1S");
        settings.put("skillbroker.api.rate-limit.per-caller", "100000/PT1M");
        settings.put("skillbroker.api.rate-limit.global", "100000/PT1M");
        settings.put("skillbroker.cc.budget", "100000/PT1M");
        settings.put("skillbroker.store.lease-ttl", LEASE_TTL.toString());
        prepareStore(scratch, settings);
        // the operator lets this host scrape without the token: nginx runs here too, so everything it relays
        // comes from 127.0.0.1 as well, and only its forwarding header tells the two apart
        settings.put("skillbroker.metrics.allowed-addresses", "127.0.0.1");
        sim.setRateLimitPerMinute(100000);
        for (int i = 0; i < 2; i++) {
            TomcatNode node = new TomcatNode("node-" + ROUTES.get(i), TomcatNode.home(),
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
        assertEquals(200, get(nodes.get(0).baseUrl() + "/metrics"), "a named address, directly");
        assertEquals(403, get(nginx.baseUrl() + "/metrics"), "the same address through the proxy needs the token");
        assertEquals(200, status(HttpRequest.newBuilder(URI.create(nginx.baseUrl() + "/metrics"))
                .header("Authorization", "Bearer " + org.skillbroker.it.BrokerEnvironment.METRICS_TOKEN)),
                "the token opens it from anywhere");

        // the widget's Desktop token keeps the normal lifetime; the admin's tokens from now on live 20 s
        String desktopToken = sim.issueDesktopToken(sim.admin());
        // the admin connects once, through the load balancer; both nodes then serve the same grant
        sim.setAccessTokenLifetime(LIFETIME);
        assertEquals(303, new AdminFlow(nginx.baseUrl()).connectAs("admin").status());
        for (TomcatNode node : nodes) {
            Poll.until(() -> "UP".equals(Health.at(node.baseUrl()).status()), Duration.ofSeconds(10),
                    node.name() + " serves the shared grant");
            // the widget opens on each node once: its first call to Webex starts the JVM's HTTP client (seconds on
            // a loaded machine), which would otherwise fall into the node's first refresh and make it look late
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/skill-profiles"))
                    .header("Authorization", "Bearer " + desktopToken).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode(), node.name() + " lists the profiles");
        }
        Instant connectedAt = Instant.now(); // refreshes are counted and measured from here

        StoreWatcher watcher = watcher(storeDir);
        // more changes than the test needs (a slow machine stretches the phases): the client keeps sending until the
        // last kill is over, then stops
        ConcurrentLinkedQueue<Change> pending = new ConcurrentLinkedQueue<>(changes(12, 100));
        List<Change> changes = Collections.synchronizedList(new ArrayList<>());
        List<Instant> answeredAt = Collections.synchronizedList(new ArrayList<>());
        List<String> clientFailures = Collections.synchronizedList(new ArrayList<>());
        List<String> healthFailures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger applied = new AtomicInteger();
        AtomicInteger healthReads = new AtomicInteger();
        traffic = Executors.newScheduledThreadPool(4);
        traffic.scheduleWithFixedDelay(watcher, 0, 50, TimeUnit.MILLISECONDS);
        traffic.scheduleWithFixedDelay(() -> {
            int status = get(nginx.baseUrl() + "/health");
            healthReads.incrementAndGet();
            if (status != 200) {
                healthFailures.add(Instant.now() + " " + status);
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        for (int worker = 0; worker < 2; worker++) {
            traffic.scheduleWithFixedDelay(() -> {
                Change change = pending.poll();
                if (change == null) {
                    return;
                }
                changes.add(change);
                // the supervisor sends a failed change again, as the widget lets them: after its Retry-After (the
                // widget counts it down), else after a moment ("Try again"). A PATCH that reached a node that then
                // died was not replayed by nginx, and sending it again must not apply it twice.
                for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                    Widget.Result result = Widget.patch(nginx.baseUrl(), change.profileId(), desktopToken,
                            Widget.change(change.skillId(), change.value()));
                    if (result.status() == 200) {
                        applied.incrementAndGet();
                        answeredAt.add(Instant.now());
                        return;
                    }
                    clientFailures.add(Instant.now() + " attempt " + attempt + ": " + result.status());
                    Duration wait = result.retryAfter() == null ? TRY_AGAIN
                            : Collections.min(List.of(result.retryAfter(), Duration.ofSeconds(10)));
                    try {
                        Thread.sleep(wait.toMillis()); // a person's pause, not a wait for a condition
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, 0, 250, TimeUnit.MILLISECONDS);
        }

        // 1. both nodes up: at least two refreshes, each by one node only
        awaitRefreshes(connectedAt, 2, "two refresh cycles with both nodes up");

        // 2. SIGKILL node b in the middle of the traffic; node a takes over refreshing
        TomcatNode a = nodes.get(0);
        TomcatNode b = nodes.get(1);
        // between refreshes (the lease-holder case comes below): the last refresh is done and nobody holds the lease
        Poll.until(() -> {
            List<Instant> done = refreshes(connectedAt);
            return Duration.between(done.get(done.size() - 1), Instant.now()).toMillis() > 1000
                    && refreshLeaseHolder(storeDir).isEmpty();
        }, CYCLE.multipliedBy(3), "a quiet moment between two refreshes");
        int before = refreshes(connectedAt).size();
        Instant bKilled = Instant.now();
        events.add("b killed " + bKilled);
        b.kill();
        awaitRefreshes(connectedAt, before + 2, "node a refreshes alone after node b died");
        b.start();
        b.awaitDeployed(Duration.ofSeconds(120));
        Poll.until(() -> "UP".equals(Health.at(b.baseUrl()).status()), Duration.ofSeconds(10), "b is back");
        Instant bBack = Instant.now();
        // back means back in the balancer's rotation: nginx probes a failed node with one request and counts it
        // live again only when that answers; killing the other node before then leaves nginx no live node for up
        // to fail_timeout (a double failure no balancer setting hides)
        Poll.until(() -> nginx.answeredBy(PORTS.get(1), bBack), Duration.ofSeconds(15), "nginx routes to b again");
        Instant bInRotation = Instant.now();
        events.add("b back " + bBack + ", in nginx's rotation " + bInRotation);

        // 2b. the store is disturbed while the client sends changes (the database restarts)
        if (disturbsStore()) {
            int refreshed = refreshes(connectedAt).size();
            Poll.until(() -> refreshes(connectedAt).size() > refreshed, CYCLE.plus(CHECK).plusSeconds(2),
                    "a refresh, to disturb the store right after it");
            disturbStore();
            // both nodes answered /health 503 during the outage, so nginx counted both as failed: wait until it
            // routes to each again, as after b's restart
            for (int port : PORTS) {
                Poll.until(() -> nginx.answeredBy(port, outageTo), Duration.ofSeconds(15),
                        "nginx routes to " + port + " again after the outage");
            }
        }

        // 3. SIGKILL the node that holds the refresh lease while its refresh request hangs at Webex
        int beforeLockKill = refreshes(connectedAt).size();
        sim.faults().on("POST", "/v1/access_token", Fault.delay(Duration.ofSeconds(3)), 1);
        long[] holder = new long[1];
        Poll.until(() -> {
            Optional<Long> pid = refreshLeaseHolder(storeDir);
            if (refreshes(connectedAt).size() > beforeLockKill && pid.isPresent()) {
                holder[0] = pid.get();
                return true;
            }
            return false;
        }, CYCLE.plus(Duration.ofSeconds(5)), "a node holds the refresh lease during a refresh");
        TomcatNode lockHolder = nodes.stream().filter(n -> n.isAlive() && n.pid() == holder[0]).findFirst()
                .orElseThrow(() -> new AssertionError("lock held by pid " + holder[0] + ", not a node"));
        TomcatNode survivor = lockHolder == a ? b : a;
        lockHolder.kill();
        Instant lockKilledAt = Instant.now();
        events.add("lease holder " + lockHolder.name() + " killed " + lockKilledAt);
        // the dead node's lease is no longer renewed: the survivor, waiting for it, gets it when it expires,
        // re-reads, still finds the token due and refreshes: within the lease's time to live and a check
        // interval, well inside the token's remaining lifetime
        awaitRefreshes(connectedAt, beforeLockKill + 2, "the survivor refreshes after the lease holder died");
        Instant takeover = refreshes(connectedAt).get(beforeLockKill + 1);
        assertTrue(Duration.between(lockKilledAt, takeover).compareTo(LEASE_TTL.plus(CYCLE)) < 0,
                "took over within the lease TTL and a cycle: " + Duration.between(lockKilledAt, takeover));
        awaitRefreshes(connectedAt, beforeLockKill + 3, "and keeps refreshing");

        traffic.shutdown(); // lets the changes in flight finish
        assertTrue(traffic.awaitTermination(60, TimeUnit.SECONDS), "traffic finished");
        traffic = null;

        assertTrue(answeredAt.stream().filter(t -> t.isAfter(lockKilledAt)).count() >= 5,
                "the client was still sending changes after the last kill (pool of changes too small?)");
        assertTrue(pending.size() > 0, "the client never ran out of changes");
        // no change lost, none applied twice
        assertEquals(changes.size(), applied.get(), "every change answered 200 in the end: " + clientFailures);
        for (Change change : changes) {
            assertEquals(change.value(), Widget.proficiency(sim, change.profileId(), change.skillId()),
                    "change kept: " + change);
        }
        Map<String, Integer> perProfile = new LinkedHashMap<>();
        changes.forEach(c -> perProfile.merge(c.profileId(), 1, Integer::sum));
        perProfile.forEach((profile, count) -> assertEquals(count.intValue(),
                sim.skillProfile(profile).orElseThrow().getInt("version") - initialVersion(profile),
                "one write per change in profile " + profile));
        // client-visible failures: only PATCHes that were in flight on a node when it died (nginx replays no
        // PATCH); health reads were all retried by nginx on the other node
        List<String> visible = new ArrayList<>(clientFailures);
        if (outageFrom != null) { // while the database was away, writes answer 503 + Retry-After (documented)
            visible.removeIf(f -> {
                Instant at = Instant.parse(f.substring(0, f.indexOf(' ')));
                return !at.isBefore(outageFrom) && !at.isAfter(outageTo.plusSeconds(3))
                        && (f.endsWith(": 503") || f.endsWith(": 502"));
            });
        }
        assertTrue(visible.size() <= 4, "bounded failures: " + visible + " (all: " + clientFailures + ")");
        if (outageFrom != null) {
            // DOWN while the database was away is /health telling the truth; nginx, having seen both nodes answer
            // 503, then counts neither live for up to fail_timeout (2 s) and answers 502 (docs/deploy.md): the
            // same window the writes get
            healthFailures.removeIf(f -> {
                Instant at = Instant.parse(f.substring(0, f.indexOf(' ')));
                return !at.isBefore(outageFrom) && !at.isAfter(outageTo.plusSeconds(3));
            });
        }
        assertEquals(List.of(), healthFailures, "health reads through nginx (of " + healthReads.get() + "); " + events);

        // exactly one refresh per cycle across both nodes: consecutive refreshes are a cycle apart (never two in
        // one cycle), except the hung request of the killed lock holder, which the survivor had to repeat
        List<Instant> refreshes = refreshes(connectedAt);
        int orphan = beforeLockKill; // the delayed request, index in the list
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < refreshes.size(); i++) {
            gaps.add(Duration.between(refreshes.get(i - 1), refreshes.get(i)).toMillis());
        }
        System.out.printf("two nodes: %d changes, %d client-visible PATCH failures %s, %d health reads, %d failed;"
                        + " refresh gaps (ms) %s, orphaned refresh #%d; store decrypted %d times, generation %d%n",
                changes.size(), clientFailures.size(), clientFailures, healthReads.get(), healthFailures.size(), gaps,
                orphan, watcher.reads(), watcher.highestGeneration());
        for (int i = 1; i < refreshes.size(); i++) {
            Duration gap = Duration.between(refreshes.get(i - 1), refreshes.get(i));
            if (i == orphan + 1) {
                assertTrue(gap.compareTo(LEASE_TTL.plus(CYCLE)) < 0, "takeover after the orphaned refresh: " + gap);
                continue;
            }
            if (outageFrom != null && !refreshes.get(i).isBefore(outageFrom)
                    && !refreshes.get(i).isAfter(outageTo.plus(CYCLE))) {
                // a refresh due while the database was away waits for it; in the token's last eighth a node
                // refreshes without the lease (documented): then both nodes may refresh once
                continue;
            }
            if (!refreshes.get(i).isBefore(bKilled) && !refreshes.get(i).isAfter(bInRotation.plus(CYCLE))) {
                // while b restarts, its first refresh runs in a JVM still starting: on a machine loaded 10x over
                // it took 3.6 to 10 s, holding the lease (renewed: b was alive) while a waited. The gaps then
                // measure the machine: late, or a cycle counted from a request start 3.6 s back already over when
                // a got the lease (a refreshed b's new token, not the one b refreshed). The token never ran out
                // (/health never failed, asserted above); the phases before and after are held to both bounds.
                continue;
            }
            // measured where Webex receives them: a refresh's request may reach Webex up to a second or so after
            // the node read its clock (a loaded machine), which shortens the next gap by as much; two nodes
            // refreshing one cycle's token would come well under a second apart (the second right after the
            // first released the lease), so half a cycle tells them apart
            assertTrue(gap.compareTo(CYCLE.dividedBy(2)) >= 0,
                    "two refreshes in one cycle (" + gap + ") at " + i + ": " + refreshes + "; " + events);
            assertTrue(gap.compareTo(CYCLE.plus(CHECK).plusSeconds(2)) <= 0,
                    "refresh late (" + gap + ") at " + i + ": " + refreshes + "; " + events);
        }

        // the store file decrypted at every read, and its generation never went back
        assertTrue(watcher.reads() > 50, "store read " + watcher.reads() + " times");
        assertEquals(List.of(), watcher.problems(), "store always decryptable");
        // the watcher's own connection comes back a moment after the nodes report UP (seen: 150 ms late on a loaded
        // machine): the same 3 s after the outage as the writes' 503s above
        assertEquals(List.of(), watcher.unavailable().stream().filter(at -> outageFrom == null
                || at.isBefore(outageFrom) || at.isAfter(outageTo.plusSeconds(3))).toList(),
                "store reachable outside the outage");
        assertEquals(Health.at(survivor.baseUrl()).status(), "UP");
        for (TomcatNode node : nodes) {
            assertEquals(List.of(), Servers.leakedInto(node.log()), "secrets in the log of " + node.name());
        }
    }

    private final Map<String, Integer> initialVersions = new LinkedHashMap<>();
    protected final List<String> events = Collections.synchronizedList(new ArrayList<>());

    private int initialVersion(String profileId) {
        return initialVersions.get(profileId);
    }

    /**
     * {@code profiles} new profiles, each with the same {@code skillsEach} new skills at 0; one change per skill of
     * each profile. The skills are shared: a node loads the org's whole skill list (names and types) before its
     * first change, and thousands of skills would make that load, not the failover, what the test measures.
     */
    private List<Change> changes(int profiles, int skillsEach) {
        Map<String, Integer> skills = new LinkedHashMap<>();
        for (int s = 0; s < skillsEach; s++) {
            skills.put(sim.createSkill(sim.orgId(), "Failover " + s + " " + System.nanoTime(), "PROFICIENCY"), 0);
        }
        List<Change> changes = new ArrayList<>();
        for (int p = 0; p < profiles; p++) {
            String profile = sim.createSkillProfile(sim.orgId(), "Failover " + p + " " + System.nanoTime(), skills);
            initialVersions.put(profile, sim.skillProfile(profile).orElseThrow().getInt("version"));
            int s = 0;
            for (String skillId : skills.keySet()) {
                changes.add(new Change(profile, skillId, 1 + (s++ % 10)));
            }
        }
        // interleave profiles, so both nodes write the same profile at the same time now and then
        List<Change> interleaved = new ArrayList<>();
        for (int s = 0; s < skillsEach; s++) {
            for (int p = 0; p < profiles; p++) {
                interleaved.add(changes.get(p * skillsEach + s));
            }
        }
        return interleaved;
    }

    /** When the simulator received each refresh-token grant request since {@code since}, in order. */
    private List<Instant> refreshes(Instant since) {
        return sim.received().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/v1/access_token")
                        && r.body().contains("grant_type=refresh_token") && !r.at().isBefore(since))
                .map(Received::at).sorted().toList();
    }

    private void awaitRefreshes(Instant since, int count, String what) {
        Poll.until(() -> refreshes(since).size() >= count, CYCLE.multipliedBy(count + 2), what);
    }

    private static int status(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static int get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
