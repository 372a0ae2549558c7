package org.skillbroker.browser;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;
import org.skillbroker.desktop.DesktopPage;
import org.skillbroker.it.AdminFlow;
import org.skillbroker.it.BrokerEnvironment;
import org.skillbroker.it.NoLeaks;
import org.skillbroker.simulator.Fault;
import org.skillbroker.simulator.WebexSimulator;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A supervisor uses the widget in headless Chromium, on a Desktop stand-in served from another origin than the
 * broker: the widget's calls are real cross-origin requests, and Contact Center is the Webex simulator.
 */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class WidgetIT {

    private static final String PUT_PROFILE = "/organization/*/skill-profile/*";
    private static DesktopPage desktop;
    private static Browser browser;

    @Deployment(testable = false)
    static WebArchive deployment() {
        desktop = DesktopPage.start(0, URI.create(BrokerEnvironment.BASE), BrokerEnvironment.simulator().baseUri());
        BrokerEnvironment.configure(Map.of("skillbroker.api.allowed-origins", desktop.origin()));
        return BrokerEnvironment.war();
    }

    private final WebexSimulator sim = BrokerEnvironment.simulator();
    private final WidgetPage widget = new WidgetPage(browser);

    @BeforeAll
    static void connectTheBrokerAndStartTheBrowser() {
        WebClientReplyCheck.connected(new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (desktop != null) {
            desktop.close();
        }
    }

    @AfterEach
    void screenshotAndClear(TestInfo test) {
        browser.screenshot(getClass().getSimpleName() + "." + test.getTestMethod().orElseThrow().getName());
        sim.faults().clear();
        browser.size(1280, 900);
    }

    private static Map<String, String> skillValues(JsonObject profile) {
        Map<String, String> values = new HashMap<>();
        for (JsonObject skill : profile.getJsonArray("activeSkills").getValuesAs(JsonObject.class)) {
            values.put(skill.getString("skillId"), String.valueOf(skill.get("proficiencyValue")) + "/"
                    + skill.get("booleanValue"));
        }
        return values;
    }

    private static int proficiency(JsonObject profile, String skillId) {
        return profile.getJsonArray("activeSkills").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("skillId").equals(skillId)).findFirst().orElseThrow()
                .getInt("proficiencyValue");
    }

    @Test
    void supervisorChangesAProficiencyAndContactCenterKeepsEverythingElse() {
        String profileId = sim.seededProfiles().germanSpeaker();
        String german = sim.seededSkills().get("German");
        JsonObject before = sim.skillProfile(profileId).orElseThrow();
        int old = proficiency(before, german);
        int next = old >= 9 ? old - 3 : old + 2;
        widget.open(desktop.url("user=supervisor"));

        widget.choose("German Speaker");
        assertEquals(String.valueOf(old), widget.skillInput(german).getAttribute("value"));
        assertTrue(widget.find("tr[data-skill='" + sim.seededSkills().get("VIP") + "']").getText().contains("read-only"),
                "a BOOLEAN skill is shown read-only");
        widget.setSkill(german, next);
        assertEquals("Save 1 change", widget.find("#save").getText());
        sim.resetCounters();
        sim.faults().on("PUT", PUT_PROFILE, Fault.delay(Duration.ofMillis(800)), 1);
        widget.save();

        WebElement input = widget.skillInput(german);
        browser.waiting().until(d -> !input.isEnabled()); // disabled while saving
        assertFalse(widget.find("#save").isEnabled());
        String saved = widget.awaitMessage("success");
        assertTrue(saved.contains("Saved"), saved);
        assertTrue(saved.contains("German " + old + " → " + next), saved);

        JsonObject after = sim.skillProfile(profileId).orElseThrow();
        assertEquals(next, proficiency(after, german));
        Map<String, String> expected = skillValues(before);
        expected.put(german, next + "/false");
        assertEquals(expected, skillValues(after), "every other skill kept");
        assertEquals(before.getJsonArray("activeEnumSkills").getValuesAs(JsonObject.class).stream()
                        .map(e -> e.getString("enumSkillValueId")).toList(),
                after.getJsonArray("activeEnumSkills").getValuesAs(JsonObject.class).stream()
                        .map(e -> e.getString("enumSkillValueId")).toList(), "enum skills kept");
        assertEquals(before.getString("name"), after.getString("name"));
        assertEquals(before.getString("description"), after.getString("description"));
        assertEquals(before.getInt("version") + 1, after.getInt("version"));
        assertEquals(1, sim.count("PUT", PUT_PROFILE), "one save, one write");
        assertEquals(String.valueOf(next), widget.skillInput(german).getAttribute("value"));
        assertTrue(widget.skillInput(german).isEnabled(), "enabled again after saving");
    }

    @Test
    void expiredTokenShowsItsMessageAndTheRenewedTokenIsUsedAtOnce() {
        widget.open(desktop.url("user=none"));
        String expired = sim.issueDesktopToken(sim.supervisor());
        sim.expireAccessTokens();

        widget.setToken(expired);

        String message = widget.awaitMessage("error");
        assertTrue(message.contains("Token rejected"), message);
        assertTrue(message.contains("Reload the Desktop"), message);
        String renewed = sim.issueDesktopToken(sim.supervisor());
        widget.setToken(renewed);
        widget.awaitProfile("German Speaker");
        assertTrue(sim.received().stream().anyMatch(r -> r.path().equals("/v1/people/me")
                && ("Bearer " + renewed).equals(r.header("Authorization"))), "the renewed token was used");
        assertFalse("error".equals(widget.messageKind()), widget.message());
    }

    @Test
    void tokenRenewedByTheDesktopIsUsedForTheNextCall() {
        widget.open(desktop.url("user=none"));
        widget.setToken(sim.issueDesktopToken(sim.supervisor()));
        widget.awaitProfile("German Speaker");
        String renewed = sim.issueDesktopToken(sim.supervisor());
        sim.resetCounters();

        widget.setToken(renewed);
        assertEquals(0, sim.count("GET", "/v1/people/me"), "a renewed token alone causes no call");
        widget.choose("German Speaker");

        assertTrue(sim.received().stream().anyMatch(r -> r.path().equals("/v1/people/me")
                && ("Bearer " + renewed).equals(r.header("Authorization"))), "the next call used the renewed token");
    }

    @Test
    void agentIsRefusedWithTheBrokersReason() {
        widget.open(desktop.url("user=agent"));

        String message = widget.awaitMessage("error");

        assertTrue(message.contains("Not a supervisor"), message);
        assertTrue(message.contains("STANDARD_AGENT"), message);
        assertTrue(message.contains("ask your administrator"), message);
        assertTrue(widget.profileNames().isEmpty());
    }

    @Test
    void conflictTellsTheSupervisorToReloadAndKeepsTheEdit() {
        String profileId = sim.seededProfiles().germanSpeaker();
        String spanish = sim.seededSkills().get("Spanish");
        JsonObject before = sim.skillProfile(profileId).orElseThrow();
        int next = proficiency(before, spanish) == 10 ? 9 : 10;
        widget.open(desktop.url("user=supervisor"));
        widget.choose("German Speaker");
        widget.setSkill(spanish, next);
        sim.faults().on("PUT", PUT_PROFILE, Fault.status(409), -1);

        widget.save();

        String message = widget.awaitMessage("error");
        assertTrue(message.contains("Changed by someone else"), message);
        assertTrue(message.contains("Reload"), message);
        assertEquals(String.valueOf(next), widget.skillInput(spanish).getAttribute("value"), "the edit is kept");
        assertEquals(before, sim.skillProfile(profileId).orElseThrow(), "nothing written");
    }

    @Test
    void searchFiltersTheListAndTheWidgetFitsANarrowDarkPanel() {
        browser.size(900, 800);
        widget.open(desktop.url("user=supervisor&dark=1&narrow=1"));
        widget.awaitProfile("German Speaker");

        widget.find("#search").sendKeys("germ");

        browser.waiting().until(d -> widget.profileNames().equals(java.util.List.of("German Speaker")));
        widget.choose("German Speaker");
        assertEquals("true", browser.driver.findElement(org.openqa.selenium.By.id("widget")).getAttribute("dark-mode"));
        long overflow = (Long) browser.driver.executeScript(
                "const w = document.getElementById('widget'); return w.scrollWidth - w.clientWidth;");
        assertEquals(0L, overflow, "no horizontal scrolling in a narrow panel");
    }

    /** Keeps the static set-up's assertion readable. */
    private static final class WebClientReplyCheck {
        static void connected(int status) {
            assertEquals(303, status, "the admin connects the broker before the widget is used");
        }
    }
}
