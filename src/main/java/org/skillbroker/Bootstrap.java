package org.skillbroker;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

import java.time.Clock;

/**
 * Begins building the broker when the web app starts, on a thread of its own ({@link BrokerStart}; {@link StartGate}
 * waits for it before the web app takes requests), and takes it down when it stops (no thread outlives an undeploy).
 */
public final class Bootstrap implements ServletContextListener {

    /**
     * The JDK's HttpURLConnection (the broker's client for Webex) logs every request header, Authorization
     * included, at FINE. An operator who turns on FINE logging to debug something must not get the admin token
     * in the log for it, so that one logger is held at INFO. Kept in a static field: JUL forgets the level of a
     * logger nobody references.
     */
    private static final java.util.logging.Logger JDK_HTTP_LOG =
            java.util.logging.Logger.getLogger("sun.net.www.protocol.http.HttpURLConnection");

    @Override
    public void contextInitialized(ServletContextEvent event) {
        JDK_HTTP_LOG.setLevel(java.util.logging.Level.INFO);
        BrokerStart.begin(event.getServletContext(), Clock.systemUTC());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Broker.from(event.getServletContext()).close(); // waits for a start still running, so that nothing outlives it
    }
}
