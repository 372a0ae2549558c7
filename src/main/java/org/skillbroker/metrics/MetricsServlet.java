package org.skillbroker.metrics;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.skillbroker.Broker;
import org.skillbroker.config.Settings;
import org.skillbroker.problem.Problem;
import org.skillbroker.problem.ProblemResponses;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code GET /metrics} in the Prometheus text format, for a scraper presenting the configured bearer token, or
 * from an address the operator named, reached without a proxy. By default (no address named) only the token opens it.
 */
public final class MetricsServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Broker broker = Broker.from(getServletContext());
        if (broker.running().isEmpty()) {
            ProblemResponses.write(request, response, Problem.notConfigured());
            return;
        }
        Settings.Metrics settings = broker.running().get().settings().metrics();
        if (!settings.enabled()) {
            ProblemResponses.write(request, response, Problem.of("not-found", "Not found", 404,
                    "Metrics are switched off (skillbroker.metrics.enabled)."));
            return;
        }
        if (!allowed(request, settings)) {
            ProblemResponses.write(request, response, Problem.of("metrics-forbidden", "Forbidden", 403,
                    "This address may not read metrics; see skillbroker.metrics.allowed-addresses and skillbroker.metrics.token."));
            return;
        }
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(broker.running().get().metrics().scrape());
    }

    /**
     * The token from anywhere; a named address only when the request came straight from it. A request relayed by
     * a proxy (which says so with a forwarding header) has the proxy's address, often 127.0.0.1, whoever sent it.
     */
    static boolean allowed(HttpServletRequest request, Settings.Metrics settings) {
        if (tokenPresented(request, settings)) {
            return true;
        }
        String address = request.getRemoteAddr();
        return !viaProxy(request)
                && settings.allowedAddresses().stream().map(AddressBlock::parse).anyMatch(b -> b.contains(address));
    }

    /** The headers by which proxies name the client they relay for (RFC 7239 and the de facto ones). */
    static boolean viaProxy(HttpServletRequest request) {
        return request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null
                || request.getHeader("X-Real-IP") != null;
    }

    static boolean tokenPresented(HttpServletRequest request, Settings.Metrics settings) {
        return tokenPresented(request, settings.bearerToken());
    }

    /** {@code Authorization: Bearer <skillbroker.metrics.token>}, compared in constant time. */
    public static boolean tokenPresented(HttpServletRequest request, java.util.Optional<org.skillbroker.config.Secret> token) {
        String authorization = request.getHeader("Authorization");
        return token.isPresent() && authorization != null && authorization.startsWith("Bearer ")
                && MessageDigest.isEqual(token.get().reveal().getBytes(StandardCharsets.UTF_8),
                authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }
}
