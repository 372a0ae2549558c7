package org.skillbroker.browser;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.skillbroker.desktop.DesktopPage;
import org.skillbroker.it.BrokerEnvironment;
import org.skillbroker.it.WebClient;
import org.skillbroker.it.NoLeaks;
import org.skillbroker.simulator.WebexSimulator;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broker's own per-supervisor limit (here: five calls an hour), as the widget shows it. */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class WidgetRateLimitIT {

    @RegisterExtension
    static final DesktopSession SESSION = new DesktopSession();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SESSION.deployment(Map.of("skillbroker.api.rate-limit.per-caller", "5/PT1H"));
    }

    private final WebexSimulator sim = BrokerEnvironment.simulator();
    private final DesktopPage desktop = SESSION.desktop();
    private final Browser browser = SESSION.browser();
    private final WidgetPage widget = new WidgetPage(browser);

    @Test
    void tooManyRequestsTellsTheSupervisorWhenToTryAgainAndKeepsTheEdit() {
        String profileId = sim.seededProfiles().billingExperts();
        String billing = sim.seededSkills().get("Billing");
        var before = sim.skillProfile(profileId).orElseThrow();
        widget.open(desktop.url("user=all-teams-supervisor"));
        widget.choose("Billing Experts");
        widget.setSkill(billing, 1);
        // The same supervisor spends the rest of the hour's budget elsewhere (another tab, say): however many
        // reads the widget made, the next call is over the limit.
        String otherTab = sim.issueDesktopToken(sim.allTeamsSupervisor());
        int status = 0;
        for (int i = 0; i < 10 && status != 429; i++) {
            status = new WebClient().get(BrokerEnvironment.BASE + "/api/skill-profiles", "Authorization",
                    "Bearer " + otherTab).status();
        }
        assertEquals(429, status, "the budget is spent");

        widget.save();                                            // over the limit

        String message = widget.awaitMessage("error");
        assertTrue(message.contains("Too many requests"), message);
        assertTrue(message.contains("Your changes are kept"), message);
        assertTrue(message.matches("(?si).*try again in \\d+ (seconds?|minutes?)\\..*"), message);
        assertFalse(message.contains("Retry-After"), message);
        Axe.assertNoViolations(browser.driver, "error: too many requests");
        assertEquals("1", widget.skillInput(billing).getAttribute("value"), "the edit is kept");
        assertFalse(widget.find("#save").isEnabled(), "Save waits for Retry-After");
        assertTrue(widget.find("#wait").getText().startsWith("Save is possible again in"));
        assertEquals(before, sim.skillProfile(profileId).orElseThrow(), "nothing written");
    }
}
