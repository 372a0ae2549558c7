package org.skillbroker;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.skillbroker.config.SettingsReader;
import org.skillbroker.web.SecurityHeadersFilter;

import java.time.Clock;

/** Builds the broker when the web app starts and takes it down when it stops (no thread outlives an undeploy). */
public final class Bootstrap implements ServletContextListener {

    private static final System.Logger LOG = System.getLogger(Bootstrap.class.getName());
    /**
     * The JDK's HttpURLConnection (Jersey's default connector) logs every request header, Authorization
     * included, at FINE. An operator who turns on FINE logging to debug something must not get the admin token
     * in the log for it, so that one logger is held at INFO. Kept in a static field: JUL forgets the level of a
     * logger nobody references.
     */
    private static final java.util.logging.Logger JDK_HTTP_LOG =
            java.util.logging.Logger.getLogger("sun.net.www.protocol.http.HttpURLConnection");

    @Override
    public void contextInitialized(ServletContextEvent event) {
        long started = System.nanoTime();
        JDK_HTTP_LOG.setLevel(java.util.logging.Level.INFO);
        Broker broker = Broker.start(SettingsReader.read(event.getServletContext()), Clock.systemUTC());
        broker.attachTo(event.getServletContext());
        broker.running().ifPresent(running -> SecurityHeadersFilter.allowFormTarget(event.getServletContext(),
                origin(running.settings().webex().authorizeUri())));
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.log(System.Logger.Level.INFO, broker.running().isPresent() ? "Skill Broker started in {0} ms"
                : "Skill Broker started in {0} ms without a complete configuration; see /setup", millis);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Broker.from(event.getServletContext()).close();
    }

    private static String origin(java.net.URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
