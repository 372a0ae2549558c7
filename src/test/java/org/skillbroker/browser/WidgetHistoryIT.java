package org.skillbroker.browser;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.skillbroker.desktop.DesktopPage;
import org.skillbroker.it.BrokerEnvironment;
import org.skillbroker.it.NoLeaks;
import org.skillbroker.simulator.WebexSimulator;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who a change reaches, timed changes, history and undo in the widget, in headless Chromium on the Desktop
 * stand-in (another origin), against the simulator; axe-core in every state.
 */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class WidgetHistoryIT {

    @RegisterExtension
    static final DesktopSession SESSION = new DesktopSession();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SESSION.deployment(Map.of("skillbroker.reverts.check-interval", "PT0.5S"));
    }

    private final WebexSimulator sim = BrokerEnvironment.simulator();
    private final DesktopPage desktop = SESSION.desktop();
    private final Browser browser = SESSION.browser();
    private final WidgetPage widget = new WidgetPage(browser);

    private String german() {
        return sim.seededSkills().get("German");
    }

    private String profile(String name) {
        Map<String, Integer> values = new LinkedHashMap<>();
        values.put(german(), 3);
        values.put(sim.seededSkills().get("Spanish"), 5);
        return sim.createSkillProfile(sim.orgId(), name, values);
    }

    private int value(String profileId) {
        return sim.skillProfile(profileId).orElseThrow().getJsonArray("activeSkills").getValuesAs(JsonObject.class)
                .stream().filter(s -> s.getString("skillId").equals(german())).findFirst().orElseThrow()
                .getInt("proficiencyValue");
    }

    /** Opens the widget as {@code user}, finds the profile by name and opens it. */
    private void openProfile(String user, String name) {
        widget.open(desktop.url("user=" + user));
        widget.await("#search").sendKeys(name);
        widget.awaitProfile(name);
        widget.choose(name);
    }

    /** Waits until the message region shows a message of this kind that contains {@code text}. */
    private String awaitMessage(String kind, String text) {
        browser.waiting().until(d -> kind.equals(widget.messageKind()) && widget.message().contains(text));
        return widget.message();
    }

    private List<WebElement> all(String css) {
        return widget.root().findElements(By.cssSelector(css));
    }

    @Test
    void aSupervisorSeesWhoAChangeReachesMakesItForAnHourAndRevertsItEarly() {
        String id = profile("Widget Timed");
        sim.createTeam(sim.orgId(), "Night Shift", id); // not one of Alex's teams
        sim.assignSkillProfile(sim.user("agent-b").orElseThrow(), id);
        try {
            openProfile("all-teams-supervisor", "Widget Timed");

            String impact = widget.await("#impact").getText();
            assertTrue(impact.contains("Used by team Night Shift and 1 agent directly: up to 1 agent."), impact);
            String warning = widget.find("#impact-warning").getText();
            assertTrue(warning.contains("outside your own: Night Shift"), warning);
            Axe.assertNoViolations(browser.driver, "who a change reaches");
            browser.picture("widget-impact", 1000, 640);

            widget.setSkill(german(), 8);
            new Select(widget.find("#keep")).selectByValue("1h");
            Instant before = Instant.now();
            widget.save();
            String saved = widget.awaitMessage("success");
            assertTrue(saved.contains("It reverts by itself in 1 hour") || saved.contains("It reverts by itself in 60 minutes"),
                    saved);
            assertEquals(8, value(id));
            WebElement pending = widget.await("#reverts li");
            assertTrue(pending.getText().contains("German 3 → 8"), pending.getText());
            assertEquals("always", new Select(widget.find("#keep")).getFirstSelectedOption().getAttribute("value"),
                    "the next change is for good unless chosen again");
            Axe.assertNoViolations(browser.driver, "a pending revert");
            browser.picture("widget-timed", 1000, 900);
            assertTrue(Duration.between(before, Instant.now()).toMinutes() < 5);

            widget.find("#reverts .revert-now").click();
            awaitMessage("success", "Reverted: German 8 → 3");
            assertEquals(3, value(id));
            browser.waiting().until(d -> all("#reverts").isEmpty());
            assertEquals("3", widget.skillInput(german()).getAttribute("value"));
            Axe.assertNoViolations(browser.driver, "reverted early");
        } finally {
            sim.assignSkillProfile(sim.user("agent-b").orElseThrow(), sim.seededProfiles().spanishDesk());
        }
    }

    @Test
    void aCancelledRevertKeepsTheChangeAndADueOneRevertsWhileTheWidgetIsOpen() {
        String id = profile("Widget Cancel");
        openProfile("supervisor", "Widget Cancel");
        widget.setSkill(german(), 9);
        new Select(widget.find("#keep")).selectByValue("2h");
        widget.save();
        widget.awaitMessage("success");
        widget.await("#reverts .revert-cancel").click();
        awaitMessage("success", "The change stays");
        browser.waiting().until(d -> all("#reverts").isEmpty());
        assertEquals(9, value(id));
    }

    @Test
    void theHistoryShowsEachChangeAndUndoSetsItBackOrSaysWhyNot() {
        String id = profile("Widget History");
        openProfile("supervisor", "Widget History");
        widget.setSkill(german(), 6);
        widget.save();
        widget.awaitMessage("success");

        widget.find("#history-toggle").click();
        WebElement first = widget.await("#history li");
        assertTrue(first.getText().contains("German 3 → 6"), first.getText());
        assertTrue(first.getText().contains("saved"), first.getText());
        assertTrue(first.getText().contains("Sam Supervisor"), first.getText());
        assertEquals("true", widget.find("#history-toggle").getAttribute("aria-expanded"));
        Axe.assertNoViolations(browser.driver, "history");
        browser.picture("widget-history", 1000, 900);

        first.findElement(By.cssSelector(".undo-change")).click();
        awaitMessage("success", "Undone: German 6 → 3");
        assertEquals(3, value(id));
        browser.waiting().until(d -> widget.find("#history li").getText().startsWith("Undo: German 6 → 3"));
        assertEquals("3", widget.skillInput(german()).getAttribute("value"));

        // a value changed in Control Hub since: the undo is refused and nothing is written
        widget.setSkill(german(), 7);
        widget.save();
        awaitMessage("success", "German 3 → 7");
        browser.waiting().until(d -> widget.find("#history li").getText().contains("German 3 → 7"));
        sim.setProficiency(id, german(), 9);
        widget.find("#history li .undo-change").click();
        awaitMessage("error", "Changed again since");
        assertEquals(9, value(id));
        Axe.assertNoViolations(browser.driver, "undo refused");
    }
}
