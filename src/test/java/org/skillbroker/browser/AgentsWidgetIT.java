package org.skillbroker.browser;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.skillbroker.desktop.DesktopPage;
import org.skillbroker.it.BrokerEnvironment;
import org.skillbroker.it.NoLeaks;
import org.skillbroker.simulator.SimUser;
import org.skillbroker.simulator.WebexSimulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A team-limited supervisor uses the widget's Agents view in headless Chromium (the Desktop stand-in on another
 * origin): reassigns one agent's skill profile, and gives ten agents a skill in one change, with axe-core in each
 * state.
 */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class AgentsWidgetIT {

    private static final List<String> ADDED = new ArrayList<>();
    @RegisterExtension
    static final DesktopSession SESSION = new DesktopSession(AgentsWidgetIT::addTenAgents);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SESSION.deployment(Map.of());
    }

    private final WebexSimulator sim = BrokerEnvironment.simulator();
    private final DesktopPage desktop = SESSION.desktop();
    private final Browser browser = SESSION.browser();
    private final WidgetPage widget = new WidgetPage(browser);

    /** Before any roster is read (the admin connects after it): ten agents of team A for the change to ten. */
    private static void addTenAgents() {
        WebexSimulator sim = BrokerEnvironment.simulator();
        for (int i = 1; i <= 10; i++) {
            String key = String.format("team-a-%02d", i);
            ADDED.add(key);
            sim.addAgent(key, String.format("Tia Teamer%02d", i), List.of(sim.teamA()));
        }
    }

    @AfterAll
    static void removeTheAgents() {
        ADDED.forEach(key -> BrokerEnvironment.simulator().removeUser(key));
    }

    private void openAgents() {
        widget.open(desktop.url("user=supervisor"));
        widget.await("#tab-agents").click();
        browser.waiting().until(d -> !rows().isEmpty());
    }

    private List<WebElement> rows() {
        return widget.root().findElements(By.cssSelector("#agents tbody tr"));
    }

    private WebElement row(String name) {
        return browser.waiting().until(d -> rows().stream()
                .filter(r -> r.findElement(By.cssSelector("th")).getText().startsWith(name)).findFirst().orElse(null));
    }

    private void awaitRowText(String name, String text) {
        browser.waiting().until(d -> row(name).getText().contains(text));
    }

    @Test
    void aSupervisorReassignsOneAgentsSkillProfile() {
        SimUser andy = sim.agent();
        sim.assignSkillProfile(andy, null);
        openAgents();
        assertTrue(row("Andy Agent").getText().contains("German Speaker (from team)"), row("Andy Agent").getText());
        assertTrue(rows().stream().noneMatch(r -> r.getText().contains("Bea Agent")), "team B is not theirs");
        Axe.assertNoViolations(browser.driver, "agents: list");

        row("Andy Agent").findElement(By.cssSelector("input[type=checkbox]")).click();
        new Select(widget.await("#agent-profile")).selectByVisibleText("Spanish Desk");
        assertEquals("Apply to 1 agent", widget.find("#agents-apply").getText());
        Axe.assertNoViolations(browser.driver, "agents: one selected");
        browser.picture("widget-agents", 1000, 700);
        widget.find("#agents-apply").click();

        String done = widget.awaitMessage("success");
        assertTrue(done.contains("Changed 1 agent"), done);
        assertEquals(sim.seededProfiles().spanishDesk(), sim.ownSkillProfile(andy).orElseThrow());
        awaitRowText("Andy Agent", "Spanish Desk (own)");
        Axe.assertNoViolations(browser.driver, "agents: changed");
    }

    @Test
    void oneChangeReachesTenAgentsWithProgress() {
        openAgents();
        WebElement search = widget.find("#agent-search");
        search.sendKeys("Teamer");
        browser.waiting().until(d -> rows().size() == 10);
        widget.find("#agents-all").click();
        assertEquals("10 agents selected.", widget.await("#agents-selected").getText());
        new Select(widget.find("#agent-skill")).selectByVisibleText("Spanish");
        widget.await("#agent-value").sendKeys("6");
        assertEquals("Apply to 10 agents", widget.find("#agents-apply").getText());
        Axe.assertNoViolations(browser.driver, "agents: ten selected");
        sim.resetCounters();
        widget.find("#agents-apply").click();

        String done = widget.awaitMessage("success");
        assertTrue(done.contains("Changed 10 agents"), done);
        assertEquals(10, sim.count("PATCH", "/organization/*/user/*/reskill"));
        for (String key : ADDED) {
            assertEquals(6, sim.dynamicSkills(sim.user(key).orElseThrow()).get(0).getInt("proficiencyValue"), key);
        }
        awaitRowText("Tia Teamer01", "Spanish 6");
        Axe.assertNoViolations(browser.driver, "agents: ten changed");
    }

    @Test
    void aSupervisorGivesOneAgentADynamicSkillUntilASetTime() {
        SimUser andy = sim.agent();
        sim.clearDynamicSkills(andy);
        openAgents();
        row("Andy Agent").findElement(By.cssSelector("input[type=checkbox]")).click();
        new Select(widget.await("#agent-skill")).selectByVisibleText("VIP");
        new Select(widget.await("#agent-value")).selectByVisibleText("Yes");
        java.time.LocalDateTime until = java.time.LocalDateTime.now().plusHours(2).withSecond(0).withNano(0);
        browser.driver.executeScript("arguments[0].value = arguments[1]", widget.find("#agent-until"),
                until.toString());
        Axe.assertNoViolations(browser.driver, "agents: timed change");
        widget.find("#agents-apply").click();

        String done = widget.awaitMessage("success");
        assertTrue(done.contains("Changed 1 agent until"), done);
        assertEquals(1, sim.dynamicSkills(andy).size());
        assertTrue(sim.dynamicSkills(andy).get(0).getBoolean("booleanValue"));
        awaitRowText("Andy Agent", "VIP Yes");
        java.time.Instant due = until.atZone(java.time.ZoneId.systemDefault()).toInstant();
        String pending = new org.skillbroker.it.WebClient().get(BrokerEnvironment.BASE + "/api/agents/"
                + andy.ccUserId() + "/reverts", "Authorization", "Bearer " + sim.issueDesktopToken(sim.supervisor()))
                .body();
        assertTrue(pending.contains(due.toString()), "the revert is stored for that time (" + due + "): " + pending);
    }

    /** A list (enum) skill is offered with its values; the value Contact Center holds is shown in the row. */
    @Test
    void aSupervisorGivesOneAgentAListValue() {
        SimUser andy = sim.agent();
        sim.clearDynamicSkills(andy);
        sim.switches().enumSkillValues(org.skillbroker.simulator.SimSwitches.EnumSkillValues.IDS); // the broker's default
        try {
            openAgents();
            row("Andy Agent").findElement(By.cssSelector("input[type=checkbox]")).click();
            new Select(widget.await("#agent-skill")).selectByVisibleText("Language");
            Select values = new Select(widget.await("#agent-value"));
            assertEquals(List.of("English", "German", "Spanish"), values.getOptions().stream()
                    .map(WebElement::getText).toList());
            values.selectByVisibleText("German");
            Axe.assertNoViolations(browser.driver, "agents: list value");
            widget.find("#agents-apply").click();

            String done = widget.awaitMessage("success");
            assertTrue(done.contains("Changed 1 agent"), done);
            String language = sim.seededSkills().get("Language");
            assertEquals(sim.enumValueId(language, "German"), sim.dynamicSkills(andy).get(0).getString("enumSkillValues"));
            awaitRowText("Andy Agent", "Language German");
        } finally {
            sim.switches().reset();
            sim.clearDynamicSkills(andy);
        }
    }

    @Test
    void theViewsAreTabsReachedWithArrowKeys() {
        widget.open(desktop.url("user=supervisor"));
        WebElement profiles = widget.await("#tab-profiles");
        assertEquals("true", profiles.getAttribute("aria-selected"));
        profiles.click();
        profiles.sendKeys(Keys.ARROW_RIGHT);
        browser.waiting().until(d -> "true".equals(widget.find("#tab-agents").getAttribute("aria-selected")));
        assertEquals("tab-agents", widget.focused().getAttribute("id"));
        browser.waiting().until(d -> !rows().isEmpty());
        widget.focused().sendKeys(Keys.ARROW_LEFT);
        browser.waiting().until(d -> "true".equals(widget.find("#tab-profiles").getAttribute("aria-selected")));
        Axe.assertNoViolations(browser.driver, "tabs");
    }

    @Test
    void everyLanguageHasTheAgentsWords() {
        for (String lang : List.of("en", "de", "fr", "es", "pt-BR", "ja")) {
            widget.open(desktop.url("user=supervisor&locale=" + lang));
            assertEquals(List.of(), browser.driver.executeScript(
                    "return customElements.get('skill-editor-widget').untranslated(arguments[0])", lang), lang);
        }
        widget.open(desktop.url("user=supervisor&locale=de-DE"));
        assertEquals("Agenten", widget.await("#tab-agents").getText());
        widget.find("#tab-agents").click();
        browser.waiting().until(d -> !rows().isEmpty());
        Axe.assertNoViolations(browser.driver, "agents: German");
    }
}
