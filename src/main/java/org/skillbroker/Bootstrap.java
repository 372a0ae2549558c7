package org.skillbroker;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.skillbroker.config.SettingsReader;
import org.skillbroker.web.SecurityHeadersFilter;

import java.time.Clock;

/** Builds the broker when the web app starts and takes it down when it stops (no thread outlives an undeploy). */
@WebListener
public final class Bootstrap implements ServletContextListener {

    private static final System.Logger LOG = System.getLogger(Bootstrap.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Broker broker = Broker.start(SettingsReader.read(event.getServletContext()), Clock.systemUTC());
        broker.attachTo(event.getServletContext());
        broker.running().ifPresent(running -> SecurityHeadersFilter.allowFormTarget(event.getServletContext(),
                origin(running.settings().webex().authorizeUri())));
        LOG.log(System.Logger.Level.INFO, broker.running().isPresent() ? "Skill Broker started"
                : "Skill Broker started without a complete configuration; see /setup");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Broker.from(event.getServletContext()).close();
    }

    private static String origin(java.net.URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
