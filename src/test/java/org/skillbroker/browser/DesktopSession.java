package org.skillbroker.browser;

import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.skillbroker.desktop.DesktopPage;
import org.skillbroker.it.AdminFlow;
import org.skillbroker.it.BrokerEnvironment;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The set-up every widget test in Chromium shares: the Desktop stand-in on another origin than the broker (so the
 * widget's calls are real cross-origin requests), the broker allowing that origin and connected by its admin, and
 * one headless Chromium for the class; after each test a screenshot named {@code Class.method}, the window back at
 * 1280×900 and the simulator's faults cleared; after the class, Chromium and the stand-in closed. Registered as a static
 * {@code @RegisterExtension} field, after {@code @ExtendWith(ArquillianExtension)}, so the WAR is deployed before the
 * admin connects and undeployed after Chromium is gone; the class's {@code @Deployment} calls
 * {@link #deployment(Map)}.
 */
public final class DesktopSession implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private final Runnable beforeConnect;
    private volatile DesktopPage desktop;
    private volatile Browser browser;

    public DesktopSession() {
        this(() -> { });
    }

    /** @param beforeConnect what must happen before the admin connects (e.g. agents every roster must include) */
    public DesktopSession(Runnable beforeConnect) {
        this.beforeConnect = Objects.requireNonNull(beforeConnect, "beforeConnect");
    }

    /**
     * For the class's {@code @Deployment}: starts the Desktop stand-in, configures the broker to allow its origin
     * (plus {@code settings}), and returns the WAR.
     */
    public WebArchive deployment(Map<String, String> settings) {
        desktop = DesktopPage.start(0, URI.create(BrokerEnvironment.BASE), BrokerEnvironment.simulator().baseUri());
        Map<String, String> all = new HashMap<>(settings);
        all.put("skillbroker.api.allowed-origins", desktop.origin());
        BrokerEnvironment.configure(all);
        return BrokerEnvironment.war();
    }

    public DesktopPage desktop() {
        return Objects.requireNonNull(desktop, "the Desktop stand-in starts in deployment()");
    }

    public Browser browser() {
        return Objects.requireNonNull(browser, "Chromium starts before the class's tests");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        beforeConnect.run();
        assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status(),
                "the admin connects the broker before the widget is used");
        browser = Browser.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (browser != null) {
            browser.screenshot(context.getRequiredTestClass().getSimpleName() + "."
                    + context.getRequiredTestMethod().getName());
            browser.size(1280, 900);
        }
        BrokerEnvironment.simulator().faults().clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
        }
        if (desktop != null) {
            desktop.close();
        }
    }
}
