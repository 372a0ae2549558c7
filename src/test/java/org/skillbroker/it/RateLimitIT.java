package org.skillbroker.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.skillbroker.simulator.WebexSimulator;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.skillbroker.it.ApiClient.json;
import static org.skillbroker.it.ApiClient.type;

/**
 * The broker's own limits, tiny here (3 per caller, 5 in total, per hour so nothing refills during the test), and
 * the API before any admin has connected. Ordered: the buckets are the deployment's state.
 */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        BrokerEnvironment.configure(Map.of("skillbroker.api.rate-limit.per-caller", "3/PT1H",
                "skillbroker.api.rate-limit.global", "5/PT1H"));
        return BrokerEnvironment.war();
    }

    private final WebexSimulator sim = BrokerEnvironment.simulator();
    private final ApiClient api = new ApiClient();

    private String profile() {
        return "/" + sim.seededProfiles().germanSpeaker();
    }

    @Test
    @Order(1)
    void beforeAnAdminConnectsTheApiSaysSo() {
        WebClient.Reply reply = api.get(profile(), sim.issueDesktopToken(sim.admin()));

        assertEquals(503, reply.status(), reply.body());
        assertEquals("urn:skill-broker:problem:grant-unavailable", type(reply));
        assertEquals("not-connected", json(reply.body()).getString("reason"));
    }

    @Test
    @Order(2)
    void aCallerPastTheirLimitGets429FromTheBrokerWithoutAWebexCall() {
        assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        String token = sim.issueDesktopToken(sim.admin());
        for (int i = 0; i < 3; i++) {
            assertEquals(200, api.get(profile(), token).status());
        }
        sim.resetCounters();

        WebClient.Reply reply = api.get(profile(), token);

        assertEquals(429, reply.status(), reply.body());
        assertEquals("urn:skill-broker:problem:rate-limited", type(reply));
        long retryAfter = Long.parseLong(reply.header("Retry-After").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= 3600, "Retry-After " + retryAfter);
        assertEquals(0, sim.received().size(), "no Webex call spent: " + sim.received());
    }

    @Test
    @Order(3)
    void everyonePastTheGlobalLimitGets429() {
        String token = sim.issueDesktopToken(sim.allTeamsSupervisor());
        // 3 of the 5 went to the first caller
        assertEquals(200, api.get(profile(), token).status());
        assertEquals(200, api.get(profile(), token).status());

        WebClient.Reply reply = api.patch(sim.seededProfiles().germanSpeaker(), token,
                ApiClient.change(sim.seededSkills().get("German"), 5));

        assertEquals(429, reply.status(), reply.body());
        assertTrue(json(reply.body()).getString("detail").contains("together"), reply.body());
        assertTrue(reply.header("Retry-After").isPresent());
    }
}
