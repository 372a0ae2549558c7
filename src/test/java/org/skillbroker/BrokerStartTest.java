package org.skillbroker;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skillbroker.config.ConfigProblem;
import org.skillbroker.config.SettingsReport;
import org.skillbroker.health.HealthServlet;
import org.skillbroker.problem.ApiException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker's start on its own thread ({@link BrokerStart}) in a real (embedded) Tomcat, with the web app's
 * listener, {@link StartGate} after it and /health: the graph is built beside the container's thread and joined
 * before the web app takes requests; a start that fails on that thread leaves a broker that is not running and
 * says why, never a half-built one.
 */
class BrokerStartTest {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final SettingsReport NOT_CONFIGURED = new SettingsReport(Optional.empty(),
            List.of(new ConfigProblem("skillbroker.webex.client-id", "is missing")));

    @TempDir
    Path base;
    private Tomcat tomcat;
    private ServletContext context;

    @AfterEach
    void stop() throws Exception {
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    @Test
    void theGraphIsBuiltOnItsOwnThreadAndAttachedBeforeTheWebAppTakesRequests() throws Exception {
        AtomicReference<String> builtOn = new AtomicReference<>();
        AtomicReference<Broker> built = new AtomicReference<>();
        String container = deploy(() -> NOT_CONFIGURED, report -> {
            builtOn.set(Thread.currentThread().getName());
            built.set(Broker.start(report, CLOCK));
            return built.get();
        });

        assertEquals("skill-broker-start", builtOn.get());
        assertNotEquals(container, builtOn.get());
        assertSame(built.get(), context.getAttribute(Broker.class.getName()), "attached when the web app started");
        assertEquals(503, health().statusCode(), "this broker lacks a setting: DOWN");
    }

    @Test
    void aStartThatFailsOnItsThreadLeavesABrokerThatSaysWhy() throws Exception {
        deploy(() -> NOT_CONFIGURED, report -> {
            throw new IllegalStateException("the disk is on fire");
        });

        assertFailedStart(Broker.from(context));
        HttpResponse<String> health = health();
        assertEquals(503, health.statusCode());
        assertTrue(health.body().contains("\"DOWN\""), health.body());
    }

    @Test
    void anErrorWhileReadingTheSettingsOnThatThreadIsAFailedStartToo() throws Exception {
        deploy(() -> {
            throw new NoClassDefFoundError("io/smallrye/config/Missing");
        }, report -> Broker.start(report, CLOCK));

        assertFailedStart(Broker.from(context));
        assertEquals(503, health().statusCode());
    }

    private void assertFailedStart(Broker broker) {
        assertTrue(broker.running().isEmpty(), "nothing half-built runs");
        assertEquals(1, broker.problems().size(), broker.problems().toString());
        ConfigProblem problem = broker.problems().get(0);
        assertEquals("start", problem.key());
        assertTrue(problem.message().contains("start failed"), problem.message());
        ApiException api = assertThrows(ApiException.class, () -> Broker.running(context));
        assertEquals(503, api.problem().status());
    }

    /** Deploys a web app with the listener, the gate and /health; returns the name of the container's thread. */
    private String deploy(Supplier<SettingsReport> read, Function<SettingsReport, Broker> build) throws Exception {
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        tomcat.getConnector();
        Context app = tomcat.addContext("", base.toString());
        AtomicReference<String> containerThread = new AtomicReference<>();
        ((org.apache.catalina.core.StandardContext) app).addApplicationLifecycleListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                containerThread.set(Thread.currentThread().getName());
                BrokerStart.begin(event.getServletContext(), read, build, CLOCK);
            }
        });
        Wrapper gate = Tomcat.addServlet(app, "start-gate", new StartGate());
        gate.setLoadOnStartup(2);
        Tomcat.addServlet(app, "health", new HealthServlet());
        app.addServletMappingDecoded("/health", "health");
        tomcat.start();
        context = app.getServletContext();
        return containerThread.get();
    }

    private HttpResponse<String> health() throws Exception {
        int port = tomcat.getConnector().getLocalPort();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/health")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
