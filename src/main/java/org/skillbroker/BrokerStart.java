package org.skillbroker;

import jakarta.servlet.ServletContext;
import org.skillbroker.config.ConfigProblem;
import org.skillbroker.config.Settings;
import org.skillbroker.config.SettingsReader;
import org.skillbroker.config.SettingsReport;
import org.skillbroker.web.SecurityHeadersFilter;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The broker's start on a thread of its own, beside the container's (issue 15: deploy in 2 s). A container starts
 * a web app on one thread: its resources and session manager, the listener, the filters, then the servlets loaded
 * at start-up. Reading the settings and building the object graph meanwhile on a second thread takes that work off
 * the deploy's critical path on a machine with two cores.
 *
 * <p>The web app takes no request before it is joined: {@link StartGate} is loaded after the other servlets, and the container
 * does not route a request to a web app whose start has not ended. A start that fails on that thread leaves a
 * broker that is not running and says why (/health DOWN, the API and /setup 503), never a half-built one.
 *
 * <p>With the database store the graph is built on the container's thread, when {@link StartGate} joins: its
 * DataSource is looked up by JNDI, and {@code java:comp/env} answers only on the container's own threads on
 * WildFly. The settings are still read on the side.
 */
final class BrokerStart {

    private static final String ATTRIBUTE = BrokerStart.class.getName();
    private static final System.Logger LOG = System.getLogger(BrokerStart.class.getName());
    private static final String THREAD_NAME = "skill-broker-start";

    /** What the side thread leaves: the settings read, and the broker when it could be built there. */
    private record Step(SettingsReport report, Broker broker) {
    }

    private final CompletableFuture<Step> side = new CompletableFuture<>();
    private final Function<SettingsReport, Broker> build;
    private final Clock clock;
    private final long began = System.nanoTime();
    private Broker broker;

    private BrokerStart(Function<SettingsReport, Broker> build, Clock clock) {
        this.build = build;
        this.clock = clock;
    }

    /** Starts reading the settings and building the broker of this web app on a thread of its own. */
    static void begin(ServletContext context, Clock clock) {
        begin(context, () -> SettingsReader.read(context), report -> Broker.start(report, clock), clock);
    }

    /** As {@link #begin(ServletContext, Clock)}, with the two steps given (tests make them fail). */
    static void begin(ServletContext context, java.util.function.Supplier<SettingsReport> read,
                      Function<SettingsReport, Broker> build, Clock clock) {
        BrokerStart start = new BrokerStart(build, clock);
        context.setAttribute(ATTRIBUTE, start);
        Thread thread = new Thread(() -> {
            try {
                SettingsReport report = read.get();
                start.side.complete(new Step(report, usesNaming(report) ? null : build.apply(report)));
            } catch (Throwable e) { // anything: the container's thread must learn of it, not wait in vain
                start.side.completeExceptionally(e);
            }
        }, THREAD_NAME);
        thread.setContextClassLoader(context.getClassLoader()); // the web app's, as on the container's thread
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits for the start begun on this context to end and attaches its broker (idempotent). A failure becomes a
     * broker that is not running, its one problem naming the failure; the details go to the server log.
     */
    static Broker finish(ServletContext context) {
        BrokerStart start = (BrokerStart) Objects.requireNonNull(context.getAttribute(ATTRIBUTE), "broker not started");
        synchronized (start) {
            if (start.broker == null) {
                start.broker = start.end();
                start.broker.attachTo(context);
                start.broker.running().ifPresent(running -> SecurityHeadersFilter.allowFormTarget(context,
                        origin(running.settings().webex().authorizeUri())));
                long millis = (System.nanoTime() - start.began) / 1_000_000;
                LOG.log(System.Logger.Level.INFO, start.broker.running().isPresent() ? "Skill Broker started in {0} ms"
                        : "Skill Broker started in {0} ms without a complete configuration; see /setup", millis);
            }
            return start.broker;
        }
    }

    private Broker end() {
        SettingsReport report = null;
        try {
            Step step = side.join();
            report = step.report();
            return step.broker() != null ? step.broker() : build.apply(report);
        } catch (CompletionException e) {
            return failed(e.getCause(), null);
        } catch (RuntimeException | Error e) {
            return failed(e, report);
        }
    }

    private Broker failed(Throwable cause, SettingsReport report) {
        LOG.log(System.Logger.Level.ERROR, "The broker's start failed; it answers 503 until it is redeployed", cause);
        ConfigProblem problem = new ConfigProblem("start", "the broker's start failed ("
                + cause.getClass().getName() + "); see the server log, then redeploy");
        return Broker.notStarted(problem, report == null ? java.util.Optional.empty() : report.metricsToken(), clock);
    }

    private static boolean usesNaming(SettingsReport report) {
        return report.settings().map(Settings::store).filter(store -> store.datasource().isPresent()
                || store.importFrom().filter(from -> from.startsWith("java:")).isPresent()).isPresent();
    }

    private static String origin(java.net.URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
