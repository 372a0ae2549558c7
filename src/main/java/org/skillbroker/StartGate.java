package org.skillbroker;

import jakarta.servlet.http.HttpServlet;

/**
 * Loaded at start-up after the other servlets (web.xml: load-on-startup 2, no mapping): waits there for the broker's
 * start, which ran beside the container's own start of the web app ({@link BrokerStart}), so that the container reports the web app
 * started only once the broker is built, or knows why it is not.
 */
public final class StartGate extends HttpServlet {

    @Override
    public void init() {
        Broker.from(getServletContext());
    }
}
