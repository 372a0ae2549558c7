package org.skillbroker.browser;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.skillbroker.it.BrokerEnvironment;
import org.skillbroker.it.LeakWatch;
import org.skillbroker.it.NoLeaks;
import org.skillbroker.simulator.WebexSimulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An administrator's way through /setup and the Webex sign-in page, in headless Chromium. */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class AdminPagesIT {

    private static final String BASE = BrokerEnvironment.BASE;
    private static Browser browser;

    @Deployment(testable = false)
    static WebArchive deployment() {
        BrokerEnvironment.configure(Map.of());
        return BrokerEnvironment.war();
    }

    private final WebexSimulator sim = BrokerEnvironment.simulator();

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void freshBrowserSessionAndNoGrant() throws IOException {
        try (Stream<Path> files = Files.list(BrokerEnvironment.storeDir())) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        browser.driver.get(BASE + "/health");
        browser.driver.manage().deleteAllCookies();
        browser.size(1280, 900);
    }

    @AfterEach
    void screenshot(TestInfo test) {
        browser.screenshot(getClass().getSimpleName() + "." + test.getTestMethod().orElseThrow().getName());
    }

    private String text(String id) {
        return browser.driver.findElement(By.id(id)).getText();
    }

    /** Clicks through the simulator's Webex sign-in page as {@code userKey}. */
    private void signInAtWebexAs(String userKey) {
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("accept")));
        assertTrue(browser.driver.getCurrentUrl().startsWith(sim.baseUri() + "/v1/authorize"),
                browser.driver.getCurrentUrl());
        browser.driver.findElement(By.id("user-" + userKey)).click();
        browser.driver.findElement(By.id("accept")).click();
    }

    private void assertNoSecretInThePage() {
        String source = browser.driver.getPageSource();
        LeakWatch.capture(source);
        for (String secret : BrokerEnvironment.secrets()) {
            assertFalse(source.contains(secret), "a token or secret in the page");
        }
    }

    @Test
    void adminConnectsAndTheStatusPageShowsTheGrantButNoToken() {
        browser.driver.get(BASE + "/setup");
        assertEquals("Not connected", text("state"));
        assertTrue(text("next-steps").contains("administrator"), "tells what to do");

        browser.driver.findElement(By.id("connect")).click();
        signInAtWebexAs("admin");

        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
        assertEquals(BASE + "/setup", browser.driver.getCurrentUrl(), "no banner driven by the URL");
        assertEquals("Connected", text("state"));
        assertTrue(text("notice").startsWith("Connected to Webex"));
        String grant = text("grant");
        assertTrue(grant.contains(sim.admin().email()), grant);
        assertTrue(grant.contains("Access token expires"), grant);
        assertTrue(grant.contains("Refresh token expires"), grant);
        assertTrue(grant.contains("cjp:config_write"), grant);
        assertTrue(text("changes").contains("None yet"), "the audit section is there, empty");
        String snippet = text("layout-snippet");
        assertTrue(snippet.contains("\"comp\": \"skill-editor-widget\""), snippet);
        assertTrue(snippet.contains("\"script\": \"" + BASE + "/widget/skill-editor-widget.js\""), snippet);
        assertTrue(snippet.contains("$STORE.auth.accessToken"), snippet);
        assertNoSecretInThePage();

        browser.driver.findElement(By.id("copy-snippet")).click();
        browser.waiting().until(d -> !text("copy-status").isBlank());
        assertTrue(text("copy-status").matches("Copied.*|Selected.*"), text("copy-status"));
        browser.driver.findElement(By.id("widget")).getLocation(); // scrolled into view for the screenshot
        new org.openqa.selenium.interactions.Actions(browser.driver)
                .scrollToElement(browser.driver.findElement(By.id("widget"))).perform();
    }

    @Test
    void signedOutVisitorOfAConnectedBrokerSeesTheStateButNoDetails() {
        browser.driver.get(BASE + "/setup");
        browser.driver.findElement(By.id("connect")).click();
        signInAtWebexAs("admin");
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
        browser.driver.manage().deleteAllCookies();

        browser.driver.get(BASE + "/setup");

        assertEquals("Connected", text("state"));
        assertTrue(browser.driver.findElements(By.id("grant")).isEmpty(), "no details before sign-in");
        assertTrue(browser.driver.findElements(By.id("layout-snippet")).isEmpty());
        assertTrue(browser.driver.findElement(By.id("sign-in")).isDisplayed());
        assertNoSecretInThePage();
    }

    @Test
    void nonAdministratorIsRefusedWithAReadablePage() {
        browser.driver.get(BASE + "/setup");
        browser.driver.findElement(By.id("connect")).click();
        signInAtWebexAs("agent");

        browser.waiting().until(ExpectedConditions.urlContains("/oauth/callback"));
        String heading = browser.driver.findElement(By.tagName("h1")).getText();
        assertEquals("Not allowed", heading);
        String page = browser.driver.findElement(By.tagName("main")).getText();
        assertTrue(page.contains("You signed in as"), page);
        assertTrue(browser.driver.findElement(By.linkText("Back to setup")).isDisplayed());
        assertFalse(Files.exists(BrokerEnvironment.storeDir().resolve("grant.enc")));
        assertNoSecretInThePage();

        browser.driver.findElement(By.linkText("Back to setup")).click();
        assertEquals("Not connected", text("state"));
    }
}
