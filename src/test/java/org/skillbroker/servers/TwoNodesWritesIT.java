package org.skillbroker.servers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.skillbroker.it.AdminFlow;
import org.skillbroker.simulator.Received;
import org.skillbroker.simulator.SimSwitches;
import org.skillbroker.simulator.WebexSimulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two real Tomcat nodes sharing one store: changes to one profile sent to both at once all end applied under every
 * stale-version behaviour of Contact Center, and both nodes together stay within one Contact Center budget.
 */
class TwoNodesWritesIT {

    private static final List<Integer> PORTS = List.of(19081, 19082);
    private static final int BUDGET = 120;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<TomcatNode> NODES = new ArrayList<>();

    private final WebexSimulator sim = Servers.simulator();

    @BeforeAll
    static void start() throws Exception {
        Path scratch = Servers.scratch("TwoNodesWritesIT");
        Map<String, String> settings = new LinkedHashMap<>(Servers.settings("http://127.0.0.1:" + PORTS.get(0)
                + "/skill-broker", scratch.resolve("shared-store")));
        settings.put("skillbroker.api.rate-limit.per-caller", "100000/PT1M");
        settings.put("skillbroker.api.rate-limit.global", "100000/PT1M");
        settings.put("skillbroker.cc.budget", BUDGET + "/PT1M");
        Servers.simulator().setRateLimitPerMinute(100000);
        for (int i = 0; i < 2; i++) {
            TomcatNode node = new TomcatNode("writes-" + i, TomcatNode.home(), scratch.resolve("base-" + i),
                    PORTS.get(i));
            node.settings(settings);
            node.deploy(Servers.war());
            node.start();
            NODES.add(node);
        }
        for (TomcatNode node : NODES) {
            node.awaitDeployed(Duration.ofSeconds(120));
        }
        assertEquals(303, new AdminFlow(NODES.get(0).baseUrl()).connectAs("admin").status());
        for (TomcatNode node : NODES) {
            Poll.until(() -> node.status("/health") == 200, Duration.ofSeconds(20), node.name() + " serves the grant");
        }
    }

    @AfterAll
    static void stop() {
        NODES.forEach(TomcatNode::stop);
        NODES.clear();
        Servers.simulator().setRateLimitPerMinute(300);
    }

    @AfterEach
    void reset() {
        sim.switches().reset();
    }

    @ParameterizedTest
    @EnumSource(SimSwitches.StaleVersion.class)
    void changesThroughBothNodesAtOnceAllApply(SimSwitches.StaleVersion stale) throws Exception {
        sim.switches().staleVersion(stale);
        int n = 8;
        Map<String, Integer> initial = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            initial.put(sim.createSkill(sim.orgId(), "Nodes " + UUID.randomUUID().toString().substring(0, 8),
                    "PROFICIENCY"), 0);
        }
        String id = sim.createSkillProfile(sim.orgId(), "Nodes " + UUID.randomUUID().toString().substring(0, 8), initial);
        String token = sim.issueDesktopToken(sim.admin());
        List<String> skills = new ArrayList<>(initial.keySet());
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<Widget.Result>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String skill = skills.get(i);
                int value = 1 + i;
                String base = NODES.get(i % 2).baseUrl();
                calls.add(() -> Widget.patch(base, id, token, Widget.change(skill, value)));
            }
            for (Future<Widget.Result> result : pool.invokeAll(calls)) {
                assertEquals(200, result.get().status(), result.get().body());
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < n; i++) {
            assertEquals(1 + i, Widget.proficiency(sim, id, skills.get(i)),
                    "skill " + i + " under " + stale + ": a change was lost");
        }
    }

    @Test
    void bothNodesTogetherStayWithinOneContactCenterBudget() throws Exception {
        awaitFreshBudget();
        Instant from = Instant.now();
        String token = sim.issueDesktopToken(sim.admin());
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 4 * BUDGET; i++) {
                String base = NODES.get(i % 2).baseUrl();
                String profile = sim.seededProfiles().numbered().get(i % 20);
                calls.add(() -> get(base + "/api/skill-profiles/" + profile, token));
            }
            for (Future<Integer> status : pool.invokeAll(calls)) {
                if (status.get() == 503) {
                    refused.incrementAndGet();
                } else {
                    assertEquals(200, status.get());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Map<Instant, Long> perMinute = sim.received().stream()
                .filter(r -> !r.at().isBefore(from) && r.path().startsWith("/organization/"))
                .collect(Collectors.groupingBy(r -> r.at().truncatedTo(ChronoUnit.MINUTES), TreeMap::new,
                        Collectors.counting()));
        perMinute.values().forEach(n -> assertTrue(n <= BUDGET, "Contact Center calls per minute: " + perMinute));
        assertTrue(refused.get() >= BUDGET, "the rest was refused with 503: " + refused + " " + perMinute);
    }

    /** The budget counts clock minutes: start a flood early in one so the test needs no second minute. */
    private static void awaitFreshBudget() {
        Poll.until(() -> Instant.now().atZone(java.time.ZoneOffset.UTC).getSecond() < 40, Duration.ofSeconds(30),
                "the first 40 s of a minute");
    }

    private static int get(String url, String token) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
