package org.skillbroker.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.skillbroker.simulator.Received;
import org.skillbroker.simulator.WebexSimulator;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A flood of supervisors' requests never takes more Contact Center calls per minute than the budget. */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class UpstreamBudgetIT {

    private static final int BUDGET = 12;

    @Deployment(testable = false)
    static WebArchive deployment() {
        BrokerEnvironment.configure(Map.of("skillbroker.cc.budget", BUDGET + "/PT1M",
                "skillbroker.api.rate-limit.per-caller", "1000/PT1M", "skillbroker.api.rate-limit.global", "5000/PT1M"));
        return BrokerEnvironment.war();
    }

    private final WebexSimulator sim = BrokerEnvironment.simulator();

    @Test
    void theBudgetCapsContactCenterCallsPerMinuteAndCallersAreToldWhenToComeBack() {
        assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        sim.resetCounters();
        ApiClient api = new ApiClient();
        String token = sim.issueDesktopToken(sim.admin());
        int refused = 0;
        for (int i = 0; i < 3 * BUDGET; i++) {
            WebClient.Reply reply = api.get("/" + sim.seededProfiles().numbered().get(i % 20), token);
            if (reply.status() == 503) {
                refused++;
                assertEquals("urn:skill-broker:problem:upstream-rate-limited", ApiClient.type(reply), reply.body());
                int retryAfter = Integer.parseInt(reply.header("Retry-After").orElse("0"));
                assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
            } else {
                assertEquals(200, reply.status(), reply.body());
            }
        }
        Map<Long, Long> perMinute = sim.received().stream().filter(r -> r.path().startsWith("/organization/"))
                .collect(Collectors.groupingBy(r -> r.at().truncatedTo(ChronoUnit.MINUTES).getEpochSecond(),
                        TreeMap::new, Collectors.counting()));
        perMinute.values().forEach(n -> assertTrue(n <= BUDGET, "calls per minute " + perMinute + ": "
                + sim.received().stream().filter(r -> r.path().startsWith("/organization/"))
                        .map(r -> r.at() + " " + r.method() + " " + r.path() + "?" + r.query()).toList()));
        assertTrue(refused >= BUDGET, "the flood was refused once the budget was spent: " + refused);
        List<Received> all = sim.received();
        assertTrue(all.stream().noneMatch(r -> r.path().startsWith("/organization/") && r.query().contains("supervisor")),
                "an admin is not scoped");
    }
}
