package org.skillbroker.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.skillbroker.simulator.Fault;
import org.skillbroker.simulator.Received;
import org.skillbroker.simulator.WebexSimulator;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The refresh timer inside a real container, with access tokens that live for seconds. */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class RefreshIT {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Deployment(testable = false)
    static WebArchive deployment() {
        BrokerEnvironment.configure(Map.of("skillbroker.refresh.at-share", "0.5"));
        return BrokerEnvironment.war();
    }

    private final WebexSimulator sim = BrokerEnvironment.simulator();
    /** One signed-in admin for the class: after the first connect, reconnecting needs a signed-in admin. */
    private static final AdminFlow ADMIN = new AdminFlow(BrokerEnvironment.BASE);

    @AfterEach
    void clearFaults() {
        sim.faults().clear();
    }

    @AfterAll
    static void restoreLifetimes() {
        BrokerEnvironment.simulator().setAccessTokenLifetime(Duration.ofSeconds(43199));
    }

    private List<Received> refreshes() {
        return sim.received().stream()
                .filter(r -> r.path().equals("/v1/access_token") && r.body().contains("grant_type=refresh_token"))
                .toList();
    }

    private void connectWithLifetime(Duration lifetime) {
        sim.setAccessTokenLifetime(lifetime);
        sim.resetCounters();
        assertEquals(303, ADMIN.connectAs("admin").status());
    }

    @Test
    void refreshesOnScheduleAndTheStoreFollows() {
        connectWithLifetime(Duration.ofSeconds(4));
        String firstExpiry = Health.read().data("admin-grant", "accessTokenExpiresAt");

        Health health = Health.await(h -> refreshes().size() >= 2
                        && !h.data("admin-grant", "accessTokenExpiresAt").equals(firstExpiry),
                DEADLINE, "two scheduled refreshes");

        assertEquals("UP", health.status());
        assertTrue(health.data("admin-grant", "lastRefresh").startsWith("refreshed"), health.json().toString());
        List<Received> refreshes = refreshes();
        Duration gap = Duration.between(refreshes.get(0).at(), refreshes.get(1).at());
        assertTrue(gap.toMillis() >= 1200, "about half of the 4 s lifetime apart, not hammering: " + gap);
    }

    @Test
    void failingRefreshesBackOffThenRecover() {
        connectWithLifetime(Duration.ofSeconds(4));
        sim.faults().on("POST", "/v1/access_token", Fault.status(500), 3);

        Health recovered = Health.await(h -> refreshes().size() >= 4
                        && h.data("admin-grant", "lastRefresh").startsWith("refreshed"),
                DEADLINE, "three failures then a refresh");

        assertEquals("UP", recovered.status());
        List<Instant> attempts = refreshes().stream().map(Received::at).limit(4).toList();
        for (int i = 1; i < attempts.size(); i++) {
            Duration gap = Duration.between(attempts.get(i - 1), attempts.get(i));
            assertTrue(gap.toMillis() >= 90, "backoff between attempts, got " + gap);
        }
    }

    @Test
    void invalidGrantTurnsHealthRedAndKeepsTheGrant() {
        connectWithLifetime(Duration.ofSeconds(2));
        sim.revokeGrants();

        Health health = Health.await(h -> h.httpStatus() == 503
                        && h.data("admin-grant", "state").equals("re-authorisation required"),
                DEADLINE, "re-authorisation required");

        assertEquals("DOWN", health.status());
        assertTrue(StoredState.hasGrant(), "kept for inspection");
        String page = new AdminFlow(BrokerEnvironment.BASE).setupPage().body();
        assertTrue(page.contains("Re-authorisation required"), page);
        assertTrue(page.matches("(?s).*id=\"banner-reauthorize\"[^>]*>.*?id=\"reconnect\".*?</div>.*"),
                "the Reconnect button is inside the banner that asks for it");
        assertEquals(1, page.split("invalid_grant", -1).length - 1, "said once: " + page);
    }

    @Test
    void aReconnectAfterInvalidGrantLeavesNoTraceOfTheOldRefusal() {
        connectWithLifetime(Duration.ofSeconds(2));
        sim.revokeGrants();
        Health.await(h -> h.data("admin-grant", "state").equals("re-authorisation required"), DEADLINE,
                "re-authorisation required");
        sim.setAccessTokenLifetime(Duration.ofHours(1)); // no new refresh hides a stale outcome

        assertEquals(303, ADMIN.connectAs("admin").status());

        Health health = Health.read();
        assertEquals("UP", health.status(), health.json().toString());
        assertTrue(!health.json().toString().contains("invalid_grant"), health.json().toString());
        String page = ADMIN.setupPage().body();
        assertTrue(page.contains("id=\"state\">Connected<"), page);
        assertFalse(page.contains("banner-reauthorize"), page);
        assertTrue(page.contains("<p class=\"muted\" id=\"firing\">Nothing.</p>"), "no alert firing: " + page);
        // the event history keeps the refusal as what happened, and only there
        assertEquals(page.indexOf("invalid_grant"), page.indexOf("invalid_grant", page.indexOf("id=\"history\"")),
                page);
    }
}
