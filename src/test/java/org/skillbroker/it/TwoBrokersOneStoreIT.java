package org.skillbroker.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.skillbroker.simulator.SimSwitches;
import org.skillbroker.simulator.WebexSimulator;

import jakarta.json.JsonObject;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.skillbroker.it.ApiClient.change;

/**
 * Two broker instances (two deployments of the same WAR, each with its own object graph and locks) sharing one
 * store directory, as two nodes do: concurrent changes to different skills of one profile, sent half to each, all
 * end applied, whatever Contact Center does with a stale {@code version}: including letting the last write win.
 */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class TwoBrokersOneStoreIT {

    private static final String SECOND = BrokerEnvironment.BASE + "-2";

    @Deployment(name = "first", order = 1, testable = false)
    static WebArchive first() {
        BrokerEnvironment.configure(Map.of("skillbroker.api.rate-limit.per-caller", "1000/PT1M",
                "skillbroker.api.rate-limit.global", "5000/PT1M", "skillbroker.cc.budget", "100000/PT1M"));
        return BrokerEnvironment.war();
    }

    @Deployment(name = "second", order = 2, testable = false)
    static WebArchive second() {
        return BrokerEnvironment.war("skill-broker-2.war");
    }

    private final WebexSimulator sim = BrokerEnvironment.simulator();

    @BeforeEach
    void connected() {
        if (!StoredState.hasGrant()) {
            assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        }
        org.skillbroker.servers.Poll.until(() -> Health.at(SECOND).status().equals("UP"),
                java.time.Duration.ofSeconds(20), "the second instance serves the grant the first stored");
    }

    @AfterEach
    void reset() {
        sim.switches().reset();
        sim.resetRateLimits(); // each stale-version case spends its own share of the simulator's 300/minute
    }

    @ParameterizedTest
    @EnumSource(SimSwitches.StaleVersion.class)
    void concurrentChangesThroughTwoInstancesAllApply(SimSwitches.StaleVersion stale) throws Exception {
        sim.switches().staleVersion(stale);
        int n = 10;
        Map<String, Integer> initial = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            initial.put(sim.createSkill(sim.orgId(), "Pair " + UUID.randomUUID().toString().substring(0, 8),
                    "PROFICIENCY"), 0);
        }
        String id = sim.createSkillProfile(sim.orgId(), "Pair " + UUID.randomUUID().toString().substring(0, 8), initial);
        String token = sim.issueDesktopToken(sim.admin());
        List<String> skills = new ArrayList<>(initial.keySet());
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<WebClient.Reply>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String skill = skills.get(i);
                int value = 1 + i % 10;
                ApiClient api = i % 2 == 0 ? new ApiClient() : new ApiClient(SECOND);
                calls.add(() -> api.patch(id, token, change(skill, value)));
            }
            for (Future<WebClient.Reply> reply : pool.invokeAll(calls)) {
                assertEquals(200, reply.get().status(), reply.get().body());
            }
        } finally {
            pool.shutdownNow();
        }
        JsonObject stored = sim.skillProfile(id).orElseThrow();
        for (int i = 0; i < n; i++) {
            String skill = skills.get(i);
            int value = stored.getJsonArray("activeSkills").getValuesAs(JsonObject.class).stream()
                    .filter(s -> s.getString("skillId").equals(skill)).findFirst().orElseThrow()
                    .getInt("proficiencyValue");
            assertEquals(1 + i % 10, value, "skill " + i + " under " + stale + ": a change was lost");
        }
    }
}
