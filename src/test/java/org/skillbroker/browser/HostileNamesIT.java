package org.skillbroker.browser;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.skillbroker.desktop.DesktopPage;
import org.skillbroker.it.BrokerEnvironment;
import org.skillbroker.it.NoLeaks;
import org.skillbroker.simulator.WebexSimulator;

import java.util.Map;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names are data, never markup: a skill and a skill profile whose names carry HTML and script are shown as text
 * by the widget (in the Desktop stand-in) and by the status page's latest changes, in Chromium. The checks look at
 * the DOM (no element made from a name) as well as at script effects, so a missing escape fails even where the
 * page's CSP would have stopped the script.
 */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class HostileNamesIT {

    private static final String SKILL = "<img src=x onerror=\"window.__pwned='skill'\">Hostile";
    private static final String PROFILE = "<script>window.__pwned='profile'</script><b>Bold</b> Desk";
    @RegisterExtension
    static final DesktopSession SESSION = new DesktopSession();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SESSION.deployment(Map.of());
    }

    private final WebexSimulator sim = BrokerEnvironment.simulator();
    private final DesktopPage desktop = SESSION.desktop();
    private final Browser browser = SESSION.browser();

    @Test
    void hostileNamesAreTextInTheWidgetAndOnTheStatusPage() {
        String skill = sim.createSkill(sim.orgId(), SKILL, "PROFICIENCY");
        String profile = sim.createSkillProfile(sim.orgId(), PROFILE, Map.of(skill, 3));
        try {
            hostileNamesAreText(skill);
        } finally {
            // names outside Cisco's pattern must not reach the later classes that share this simulator
            sim.deleteSkillProfile(profile);
            sim.deleteSkill(skill);
        }
    }

    private void hostileNamesAreText(String skill) {

        WidgetPage widget = new WidgetPage(browser);
        widget.open(desktop.url("user=all-teams-supervisor"));
        widget.choose(PROFILE);
        String widgetText = widget.find("#profile-title").getText() + " " + widget.skillInput(skill)
                .findElement(By.xpath("ancestor::tr")).getText();
        assertTrue(widgetText.contains(PROFILE) && widgetText.contains(SKILL), widgetText);
        assertEquals(0, widget.root().findElements(By.cssSelector("img[src='x'], script, b")).size(),
                "no element made from a name in the widget");
        widget.setSkill(skill, 4);
        widget.save();
        // Contact Center's schema refuses such a profile name on PUT (its name pattern), so the change is refused;
        // the attempt is audited all the same, with both names, which is what the status page must show as text
        widget.awaitMessage("error");
        assertEquals(null, browser.driver.executeScript("return window.__pwned === undefined ? null : window.__pwned"));

        browser.driver.manage().deleteAllCookies();
        browser.driver.get(BrokerEnvironment.BASE + "/setup");
        browser.driver.findElement(By.id("sign-in")).click();
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("accept")));
        browser.driver.findElement(By.id("user-admin")).click();
        browser.driver.findElement(By.id("accept")).click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("changes")));
        String changes = browser.driver.findElement(By.id("changes")).getText();
        assertTrue(changes.contains(PROFILE) && changes.contains(SKILL), changes);
        assertEquals(0, browser.driver.findElements(By.cssSelector("#changes img, #changes script, #changes b")).size(),
                "no element made from a name on the status page");
        assertEquals(null, browser.driver.executeScript("return window.__pwned === undefined ? null : window.__pwned"));
        browser.screenshot(getClass().getSimpleName() + ".statusPage");

        // This test plays a hostile upstream on purpose: names outside Cisco's name pattern. The contract check
        // (ContractWatch) must see exactly that and nothing else, so the expected violations are taken here.
        List<String> violations = sim.drainContractViolations();
        assertFalse(violations.isEmpty(), "the contract check saw the names Cisco's schema forbids");
        assertTrue(violations.stream().allMatch(v -> v.contains("name does not match the regex pattern")),
                String.join("\n", violations));
    }
}
