package org.skillbroker.metrics;

import jakarta.servlet.annotation.WebServlet;
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
 * {@code GET /metrics} in the Prometheus text format, for the configured addresses or a scraper presenting the
 * configured bearer token.
 */
@WebServlet("/metrics")
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

    static boolean allowed(HttpServletRequest request, Settings.Metrics settings) {
        String address = request.getRemoteAddr();
        if (settings.allowedAddresses().stream().map(AddressBlock::parse).anyMatch(b -> b.contains(address))) {
            return true;
        }
        String authorization = request.getHeader("Authorization");
        return settings.bearerToken().isPresent() && authorization != null && authorization.startsWith("Bearer ")
                && MessageDigest.isEqual(settings.bearerToken().get().reveal().getBytes(StandardCharsets.UTF_8),
                authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }
}
