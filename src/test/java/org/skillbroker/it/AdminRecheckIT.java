package org.skillbroker.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.skillbroker.simulator.Messaging;
import org.skillbroker.simulator.SimUser;
import org.skillbroker.simulator.WebexSimulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.skillbroker.it.ApiClient.change;
import static org.skillbroker.it.ApiClient.json;

/**
 * The administrator who connected is demoted in Contact Center: the next re-check notices, writes stop with a
 * clear problem while reads go on, /health turns red with the reason, and the Webex space hears of it. Given the
 * role back, everything recovers and the space hears that too.
 */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class AdminRecheckIT {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final WebexSimulator SIM = BrokerEnvironment.simulator();
    private static final String BOT_TOKEN = SIM.createBot("Recheck Alerts");
    private static final String ROOM = SIM.createRoom(BOT_TOKEN);
    private static final AdminFlow ADMIN = new AdminFlow(BrokerEnvironment.BASE);
    private final ApiClient api = new ApiClient();

    @Deployment(testable = false)
    static WebArchive deployment() {
        BrokerEnvironment.configure(Map.of(
                "skillbroker.setup.admin-recheck-interval", "PT1S",
                "skillbroker.alerts.webex.bot-token", BOT_TOKEN,
                "skillbroker.alerts.webex.room-id", ROOM));
        return BrokerEnvironment.war();
    }

    @AfterAll
    static void giveTheRoleBack() {
        SIM.setProfileType(SIM.admin(), "ADMINISTRATOR");
        SIM.setContactCenterUserActive(SIM.admin(), true);
    }

    @Test
    void demotedAdministratorStopsWritesUntilTheRoleIsBack() {
        SimUser admin = SIM.admin();
        assertEquals(303, ADMIN.connectAs("admin").status());
        Health.await(h -> h.data("admin-recheck", "qualified").equals("true") && h.httpStatus() == 200, DEADLINE,
                "qualified at connect");
        String profile = SIM.seededProfiles().germanSpeaker();
        String german = SIM.seededSkills().get("German");
        String supervisor = SIM.issueDesktopToken(SIM.supervisor());

        SIM.setProfileType(admin, "SUPERVISOR");

        Health red = Health.await(h -> h.data("admin-recheck", "qualified").equals("false"), DEADLINE,
                "the next re-check notices the demotion");
        assertEquals(503, red.httpStatus());
        assertEquals("DOWN", red.status());
        assertTrue(red.data("admin-recheck", "message").contains("no longer has a Contact Center administrator profile"),
                red.json().toString());
        WebClient.Reply write = api.patch(profile, supervisor, change(german, 3));
        assertEquals(503, write.status(), write.body());
        assertEquals("urn:skill-broker:problem:admin-not-qualified", json(write.body()).getString("type"));
        assertTrue(json(write.body()).getString("detail").contains(admin.email()), write.body());
        assertEquals(200, api.get("/" + profile, supervisor).status(), "reads go on");
        await(() -> messages("no longer qualifies").size() == 1, "the alert in the Webex space");
        String page = ADMIN.setupPage().body();
        assertTrue(page.contains("Changes stopped"), page);

        SIM.setProfileType(admin, "ADMINISTRATOR");

        Health.await(h -> h.httpStatus() == 200 && h.data("admin-recheck", "qualified").equals("true"), DEADLINE,
                "the next re-check finds the role back");
        assertEquals(200, api.patch(profile, supervisor, change(german, 3)).status(), "writes go on");
        await(() -> messages("Resolved: The administrator").size() == 1, "the resolved alert");
        assertEquals(2, messages("no longer qualifies").size(), "one alert, one resolved");
    }

    @Test
    void deactivatedContactCenterUserIsNoLongerQualified() {
        assertEquals(303, ADMIN.connectAs("admin").status());

        SIM.setContactCenterUserActive(SIM.admin(), false);

        Health red = Health.await(h -> h.data("admin-recheck", "qualified").equals("false"), DEADLINE,
                "the next re-check notices the deactivation");
        assertTrue(red.data("admin-recheck", "message").contains("no longer an active Contact Center user"),
                red.json().toString());
        SIM.setContactCenterUserActive(SIM.admin(), true);
        Health.await(h -> h.httpStatus() == 200, DEADLINE, "recovered");
    }

    private static List<Messaging.Message> messages(String containing) {
        return SIM.messages(ROOM).stream().filter(m -> m.markdown().contains(containing)).toList();
    }

    private static void await(BooleanSupplier condition, String what) {
        Instant end = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("not within " + DEADLINE + ": " + what + "; room " + SIM.messages(ROOM));
            }
            try {
                Thread.sleep(50); // polling an asynchronous effect, not waiting for time to pass
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
