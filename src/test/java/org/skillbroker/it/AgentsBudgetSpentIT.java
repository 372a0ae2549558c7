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
import org.skillbroker.simulator.WebexSimulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.skillbroker.it.ApiClient.json;

/**
 * A change to many agents that spends the broker's own Contact Center budget part-way: the read-back that confirms
 * the writes is paid for before the first write, so every agent written is confirmed (never "not verified" for want
 * of the budget the writes spent), and every later agent is reported as not attempted. The budget's window is a
 * day, so the test controls what is left of it: it spends the budget down through calls of a known cost
 * ({@code /metrics} shows what is used) before the bulk change.
 */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class AgentsBudgetSpentIT {

    private static final String API = BrokerEnvironment.BASE + "/api/agents";
    private static final int AGENTS = 10;
    private static final ExtraAgents SPENT = new ExtraAgents("spent-", "Spent Agent", AGENTS);
    private static final int BUDGET = 20; // under 60: the node takes one call at a time from the store (UpstreamGate)
    /** What is left for the bulk change: its read, the read-back, and a few of the ten writes. */
    private static final int LEFT = 6;

    @Deployment(testable = false)
    static WebArchive deployment() {
        BrokerEnvironment.configure(Map.of("skillbroker.api.rate-limit.per-caller", "1000/PT1M",
                "skillbroker.api.rate-limit.global", "5000/PT1M", "skillbroker.cc.budget", BUDGET + "/P1D"));
        return BrokerEnvironment.war();
    }

    private final WebexSimulator sim = BrokerEnvironment.simulator();
    private final WebClient client = new WebClient();

    @BeforeAll
    static void agents() {
        SPENT.add(BrokerEnvironment.simulator());
    }

    @AfterAll
    static void removeAgents() {
        SPENT.remove(BrokerEnvironment.simulator());
    }

    private WebClient.Reply send(HttpRequest.Builder request, String token) {
        return client.send(request.header("Authorization", "Bearer " + token));
    }

    /** Calls taken in the budget's window, as an operator's Prometheus sees them. */
    private static long used() {
        String text = new WebClient().get(BrokerEnvironment.BASE + "/metrics", "Authorization", "Bearer "
                + BrokerEnvironment.METRICS_TOKEN).body();
        Matcher m = Pattern.compile("^skillbroker_cc_budget_used_calls (\\d+)", Pattern.MULTILINE).matcher(text);
        assertTrue(m.find(), text);
        return Long.parseLong(m.group(1));
    }

    @Test
    void writesThatSpendTheBudgetAreStillConfirmedAndTheRestReportedNotAttempted() {
        // the budget's window is the UTC day: not across midnight
        Instant now = Instant.now();
        Instant midnight = now.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (Duration.between(now, midnight).toMinutes() < 3) {
            Poll.until(() -> Instant.now().isAfter(midnight.plusSeconds(1)), Duration.ofMinutes(4), "past midnight");
        }
        assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        String token = sim.issueDesktopToken(sim.supervisor());
        List<String> ids = SPENT.ids(sim);
        assertEquals(200, send(HttpRequest.newBuilder(URI.create(API)).GET(), token).status(), "the roster");
        String german = sim.seededSkills().get("German");
        String holds = "{\"dynamicSkills\":[{\"skillId\":\"" + german + "\",\"value\":null}]}";
        // a change to what the agent already holds reads the agent and writes nothing: spent down to LEFT
        for (long used = used(); used < BUDGET - LEFT; used = used()) {
            for (long i = used; i < BUDGET - LEFT; i++) { // one call each
                WebClient.Reply noop = send(HttpRequest.newBuilder(URI.create(API + "/" + ids.get(0)))
                        .method("PATCH", HttpRequest.BodyPublishers.ofString(holds))
                        .header("Content-Type", "application/json"), token);
                assertEquals(200, noop.status(), noop.body());
            }
        }
        long left = BUDGET - used();
        assertTrue(left >= 3 && left <= LEFT, "left for the bulk change: " + left);
        sim.resetCounters();
        WebClient.Reply reply = send(HttpRequest.newBuilder(URI.create(API)).method("PATCH",
                HttpRequest.BodyPublishers.ofString(SPENT.bulkChange(sim, german, 4)))
                .header("Content-Type", "application/json"), token);
        assertEquals(200, reply.status(), "partial success is an answer, agent by agent: " + reply.body());
        List<String> outcomes = json(reply.body()).getJsonArray("results").getValuesAs(JsonObject.class).stream()
                .map(o -> o.getString("outcome")).toList();
        int written = sim.count("PATCH", "/organization/*/user/*/reskill");
        // read the agents, pay the read-back, write until the budget is spent; the read-back is not refused
        assertEquals(left - 2, written, outcomes.toString());
        assertFalse(outcomes.contains("change-not-verified"), reply.body());
        for (int i = 0; i < AGENTS; i++) {
            assertEquals(i < written ? "changed" : "not-attempted", outcomes.get(i), reply.body());
            boolean holdsIt = sim.dynamicSkills(SPENT.user(sim, i + 1)).stream()
                    .anyMatch(d -> d.getString("skillId").equals(german) && d.getInt("proficiencyValue") == 4);
            assertEquals(i < written, holdsIt, "spent-" + (i + 1) + " changed only if written");
        }
        assertEquals(BUDGET, used(), "the budget is exactly spent, never exceeded");
    }
}
