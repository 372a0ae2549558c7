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
import org.skillbroker.it.StoredState;
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
        StoredState.clear();
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
        // a Service App's token answer lists no scopes (Cisco's example has none): shown as unknown, never assumed
        assertTrue(grant.contains(org.skillbroker.it.BrokerEnvironment.SERVICE_APP_MODE
                ? "unknown: Webex did not say which scopes it granted" : "cjp:config_write"), grant);
        assertTrue(text("changes").contains("None yet"), "the audit section is there, empty");
        String snippet = text("layout-snippet");
        assertTrue(snippet.contains("\"comp\": \"skill-editor-widget\""), snippet);
        assertTrue(snippet.contains("\"script\": \"" + BASE + "/widget/skill-editor-widget.js\""), snippet);
        assertTrue(snippet.contains("$STORE.auth.accessToken"), snippet);
        assertNoSecretInThePage();

        Axe.assertNoViolations(browser.driver, "status page, connected");
        browser.picture("status-page", 1000, 900);
        browser.driver.navigate().refresh();
        assertTrue(browser.driver.findElements(By.id("notice")).isEmpty(), "a reload shows no stale notice");
        String lastRefresh = browser.driver.findElement(By.xpath("//dt[.='Last refresh']/following-sibling::dd[1]")).getText();
        assertFalse(lastRefresh.matches("(?s).*\\d{9}.*"), "no raw nanoseconds: " + lastRefresh);
        assertTrue(lastRefresh.contains("None yet since the grant was connected"), lastRefresh);
        String expires = browser.driver.findElement(By.xpath("//dt[.='Access token expires']/following-sibling::dd[1]")).getText();
        assertTrue(expires.matches("in \\d+ hours \\(.*UTC\\)"), "relative and absolute: " + expires);
        assertTrue(browser.driver.findElement(By.id("health-link")).getAttribute("href").endsWith("/health"));
        assertTrue(browser.driver.findElement(By.id("metrics-link")).getAttribute("href").endsWith("/metrics"));
        assertFalse(browser.driver.findElement(By.tagName("main")).getText().contains("at /setup"),
                "no directions to the page one is on");

        browser.driver.findElement(By.id("copy-snippet")).click();
        browser.waiting().until(d -> !text("copy-status").isBlank());
        assertTrue(text("copy-status").matches("Copied.*|Selected.*"), text("copy-status"));
        browser.driver.findElement(By.id("widget")).getLocation(); // scrolled into view for the screenshot
        new org.openqa.selenium.interactions.Actions(browser.driver)
                .scrollToElement(browser.driver.findElement(By.id("widget"))).perform();
    }

    @Test
    void notConnectedSetupPageIsAccessibleAndPictured() {
        browser.driver.get(BASE + "/setup");
        assertEquals("Not connected", text("state"));
        assertTrue(browser.driver.findElements(By.id("wrong-host")).isEmpty(), "opened at the redirect URI's host");
        Axe.assertNoViolations(browser.driver, "setup, not connected");
        browser.picture("setup-connect", 1000, 640);
        browser.driver.findElement(By.id("connect")).click();
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("accept")));
        browser.picture("setup-webex-sign-in", 1000, 640);
    }

    @Test
    void theStatusPageFitsA400PixelWindowAndPassesInDarkMode() {
        browser.driver.get(BASE + "/setup");
        browser.driver.findElement(By.id("connect")).click();
        signInAtWebexAs("admin");
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("grant")));
        browser.size(400, 900);
        try {
            long width = (Long) browser.driver.executeScript("return document.documentElement.scrollWidth");
            long viewport = (Long) browser.driver.executeScript("return document.documentElement.clientWidth");
            assertTrue(width <= viewport, "no sideways scrolling at 400 px: " + width + " > " + viewport);
            assertFalse(browser.driver.findElements(By.cssSelector("dd")).stream().anyMatch(dd ->
                    "break-all".equals(dd.getCssValue("word-break"))), "dates and e-mails are not split mid-word");
            Axe.assertNoViolations(browser.driver, "status page, 400 px");
            browser.prefersDark(true);
            Axe.assertNoViolations(browser.driver, "status page, dark");
            browser.size(1000, 900);
            browser.picture("status-page-dark", 1000, 900);
        } finally {
            browser.prefersDark(false);
        }
    }

    @Test
    void openedAtAnotherHostThanTheRedirectUrisTheSetupPageWarns() {
        String elsewhere = BASE.replace("127.0.0.1", "localhost");
        browser.driver.get(elsewhere + "/setup");

        String warning = text("wrong-host");

        assertTrue(warning.contains(BASE.replaceAll("/skill-broker$", "")), warning);
        assertEquals(BASE + "/setup", browser.driver.findElement(By.cssSelector("#wrong-host a")).getAttribute("href"));
        Axe.assertNoViolations(browser.driver, "setup, wrong host");
    }

    @Test
    void theAdminPagesFollowAcceptLanguage() {
        Map<String, String> notConnected = new java.util.LinkedHashMap<>();
        notConnected.put("de", "Nicht verbunden");
        notConnected.put("fr", "Non connecté");
        notConnected.put("es", "Sin conexión");
        notConnected.put("pt-BR", "Não conectado");
        notConnected.put("ja", "未接続");
        try {
            for (Map.Entry<String, String> language : notConnected.entrySet()) {
                browser.languages(language.getKey() + ",en;q=0.5");
                browser.driver.get(BASE + "/setup");
                assertEquals(language.getKey(), browser.driver.findElement(By.tagName("html")).getAttribute("lang"));
                assertEquals(language.getValue(), text("state"));
                String page = browser.driver.findElement(By.tagName("body")).getText();
                assertFalse(page.contains("⟦"), "an untranslated key: " + page);
                assertFalse(page.contains("Connect the broker to Webex once"), "English left: " + page);
            }
            Axe.assertNoViolations(browser.driver, "setup in Japanese");
        } finally {
            browser.languages(null);
        }
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
        assertFalse(StoredState.hasGrant());
        assertNoSecretInThePage();

        Axe.assertNoViolations(browser.driver, "refused sign-in");
        browser.driver.findElement(By.linkText("Back to setup")).click();
        assertEquals("Not connected", text("state"));
    }
}
