package org.skillbroker.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.skillbroker.servers.Poll;
import org.skillbroker.simulator.Fault;
import org.skillbroker.simulator.WebexSimulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.skillbroker.it.ApiClient.json;

/**
 * A change to many agents when Contact Center says "enough" part-way: the agents written are reported as such,
 * every later agent as not attempted (nothing sent for it) with when to come back, and the node makes no call
 * until Retry-After has passed. Its own deployment: the pause must not reach other tests.
 */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class AgentsBudgetIT {

    private static final String API = BrokerEnvironment.BASE + "/api/agents";
    private static final int AGENTS = 10;
    private static final ExtraAgents PACED = new ExtraAgents("paced-", "Paced Agent", AGENTS);

    @Deployment(testable = false)
    static WebArchive deployment() {
        BrokerEnvironment.configure(Map.of("skillbroker.api.rate-limit.per-caller", "1000/PT1M",
                "skillbroker.api.rate-limit.global", "5000/PT1M"));
        return BrokerEnvironment.war();
    }

    private final WebexSimulator sim = BrokerEnvironment.simulator();
    private final WebClient client = new WebClient();

    @BeforeAll
    static void agents() {
        PACED.add(BrokerEnvironment.simulator());
    }

    @AfterAll
    static void removeAgents() {
        PACED.remove(BrokerEnvironment.simulator());
    }

    private WebClient.Reply send(HttpRequest.Builder request, String token) {
        return client.send(request.header("Authorization", "Bearer " + token));
    }

    @Test
    void aBulkChangeStopsWhereContactCenterSaysEnoughAndReportsEachAgent() {
        assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        List<String> ids = PACED.ids(sim);
        String token = sim.issueDesktopToken(sim.supervisor());
        assertEquals(200, send(HttpRequest.newBuilder(URI.create(API)).GET(), token).status(), "the roster");
        sim.resetCounters();
        // three reskills go through, then Contact Center answers 429 with Retry-After: 1
        sim.faults().on("PATCH", "/organization/*/user/*/reskill", Fault.run(() -> { }), 3)
                .on("PATCH", "/organization/*/user/*/reskill", Fault.rateLimited(1), -1);
        String german = sim.seededSkills().get("German");
        WebClient.Reply reply;
        try {
            reply = send(HttpRequest.newBuilder(URI.create(API)).method("PATCH", HttpRequest.BodyPublishers.ofString(
                    PACED.bulkChange(sim, german, 4))).header("Content-Type", "application/json"), token);
        } finally {
            sim.faults().clear();
        }
        assertEquals(200, reply.status(), "partial success is an answer, agent by agent: " + reply.body());
        JsonObject result = json(reply.body());
        List<String> outcomes = result.getJsonArray("results").getValuesAs(JsonObject.class).stream()
                .map(o -> o.getString("outcome")).toList();
        assertEquals(4, sim.count("PATCH", "/organization/*/user/*/reskill"),
                "three written, the fourth refused, none after it: " + outcomes);
        // the three written could not be read back while Contact Center said wait: written, not yet verified
        assertEquals(Collections.nCopies(3, "change-not-verified"), outcomes.subList(0, 3), reply.body());
        assertEquals(Collections.nCopies(7, "not-attempted"), outcomes.subList(3, 10), reply.body());
        assertTrue(result.getInt("retryAfter") >= 1, "when to come back: " + reply.body());
        for (int i = 1; i <= AGENTS; i++) {
            boolean holds = sim.dynamicSkills(PACED.user(sim, i)).stream()
                    .anyMatch(d -> d.getString("skillId").equals(german) && d.getInt("proficiencyValue") == 4);
            assertEquals(i <= 3, holds, "paced-" + i + " changed only if written");
        }
        // no Contact Center call until Retry-After has passed, then the node serves again
        Poll.until(() -> send(HttpRequest.newBuilder(URI.create(API + "/" + ids.get(9))).GET(), token).status() == 200,
                Duration.ofSeconds(10), "calls again after Retry-After");
    }
}
