package org.skillbroker.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The single HttpHandler: records the request, applies injected faults, then dispatches to the endpoint whose
 * method and path regex match. {@code /_sim/} control requests are neither recorded nor faulted.
 */
final class Router implements HttpHandler {

    @FunctionalInterface
    interface Handler {
        void handle(SimExchange ex, List<String> pathParams) throws IOException;
    }

    private record Route(String method, Pattern path, Handler handler) {
    }

    private static final Logger LOG = Logger.getLogger(Router.class.getName());
    static final String CONTROL_PREFIX = "/_sim/";

    private final List<Route> routes = new ArrayList<>();
    private final Counters counters;
    private final Faults faults;
    private final SimClock clock;
    private volatile ContractCheck contract;
    private final List<String> violations = new ArrayList<>();

    Router(Counters counters, Faults faults, SimClock clock) {
        this.counters = counters;
        this.faults = faults;
        this.clock = clock;
    }

    void contract(ContractCheck check) {
        this.contract = check;
    }

    /** The contract violations seen since the last call, and forgets them. */
    synchronized List<String> drainViolations() {
        List<String> drained = List.copyOf(violations);
        violations.clear();
        return drained;
    }

    private synchronized void violated(List<String> found) {
        violations.addAll(found);
    }

    void add(String method, String pathRegex, Handler handler) {
        routes.add(new Route(method, Pattern.compile(pathRegex), handler));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        SimExchange ex = null;
        try {
            ex = new SimExchange(exchange);
            boolean control = ex.path().startsWith(CONTROL_PREFIX) || ex.path().equals("/_sim");
            boolean faulted = false;
            if (!control) {
                counters.record(new Received(clock.now(), ex.method(), ex.path(), ex.rawQuery(), ex.headers(),
                        ex.body()));
                Optional<Fault> fault = faults.take(ex.method(), ex.path());
                faulted = fault.isPresent() && applyFault(ex, fault.get());
            }
            if (!faulted) {
                ContractCheck check = ex.path().startsWith("/organization/") ? contract : null;
                List<String> refused = check == null ? List.of()
                        : check.request(ex.method(), ex.path(), ex.queryParams(), ex.body());
                if (!refused.isEmpty()) {
                    violated(refused);
                    ex.json(400, JsonBodies.ccError(400, String.join("; ", refused), ex.trackingId()));
                } else {
                    dispatch(ex);
                    if (check != null) {
                        violated(check.response(ex.method(), ex.path(), ex.status(), ex.sentBody()));
                    }
                }
            }
        } catch (SimExchange.ConnectionDropped e) {
            throw e; // no close(): the server must drop the socket instead of finishing the response
        } catch (SimExchange.BadRequest e) {
            if (ex != null && !ex.answered()) {
                ex.json(400, errorBody(ex, 400, e.getMessage()));
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "client went away", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "simulator bug", e);
            if (ex != null && !ex.answered()) {
                ex.json(500, errorBody(ex, 500, "Simulator error: " + e));
            }
        }
        if (ex != null) {
            ex.close();
        } else {
            exchange.close();
        }
    }

    private void dispatch(SimExchange ex) throws IOException {
        boolean pathKnown = false;
        for (Route route : routes) {
            Matcher m = route.path.matcher(ex.path());
            if (!m.matches()) {
                continue;
            }
            pathKnown = true;
            if (route.method.equals(ex.method())) {
                List<String> params = new ArrayList<>();
                for (int i = 1; i <= m.groupCount(); i++) {
                    params.add(m.group(i));
                }
                route.handler.handle(ex, params);
                return;
            }
        }
        if (pathKnown) {
            ex.json(405, errorBody(ex, 405, "Method " + ex.method() + " not allowed"));
        } else {
            ex.json(404, errorBody(ex, 404, "Resource not found or URI is invalid"));
        }
    }

    /** @return true if the fault answered the request, false if normal handling should follow */
    private boolean applyFault(SimExchange ex, Fault fault) throws IOException {
        if (fault instanceof Fault.Delay d) {
            try {
                Thread.sleep(d.duration().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        } else if (fault instanceof Fault.Run r) {
            r.action().run();
            return false;
        } else if (fault instanceof Fault.Status s) {
            ex.json(s.code(), errorBody(ex, s.code(), "Simulated fault: HTTP " + s.code()));
        } else if (fault instanceof Fault.RateLimited r) {
            ex.setHeader("Retry-After", Integer.toString(r.retryAfterSeconds()));
            ex.json(429, errorBody(ex, 429, "Simulated fault: rate limited"));
        } else if (fault instanceof Fault.DropConnection) {
            ex.dropConnection();
        } else if (fault instanceof Fault.MalformedJson) {
            ex.send(200, "application/json;charset=UTF-8", "{\"data\": [{\"id\": \"tru");
        }
        return true;
    }

    static jakarta.json.JsonObject errorBody(SimExchange ex, int status, String message) {
        return ex.path().startsWith("/organization/")
                ? JsonBodies.ccError(status, message, ex.trackingId())
                : JsonBodies.webexError(message, ex.trackingId());
    }
}
