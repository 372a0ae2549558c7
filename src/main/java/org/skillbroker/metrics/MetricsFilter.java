package org.skillbroker.metrics;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.skillbroker.Broker;

import java.io.IOException;
import java.util.Set;
import java.util.regex.Pattern;

/** Counts every request by route, method and status, and times it. Routes are a fixed set, never raw paths. */
public final class MetricsFilter extends HttpFilter {

    private static final Pattern PROFILE = Pattern.compile("/api/skill-profiles/[^/]+");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PATCH", "PUT", "DELETE", "OPTIONS", "HEAD");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            Broker.from(getServletContext()).running().ifPresent(running -> {
                String route = route(request.getRequestURI().substring(request.getContextPath().length()));
                String method = METHODS.contains(request.getMethod()) ? request.getMethod() : "OTHER";
                running.requestMetrics().record(route, method, response.getStatus(),
                        (System.nanoTime() - started) / 1e9);
            });
        }
    }

    static String route(String path) {
        if (path.equals("/api/skill-profiles")) {
            return path;
        }
        if (PROFILE.matcher(path).matches()) {
            return "/api/skill-profiles/{id}";
        }
        if (path.startsWith("/api/")) {
            return "/api/other";
        }
        if (path.equals("/setup") || path.startsWith("/setup/")) {
            return "/setup";
        }
        for (String fixed : new String[]{"/oauth/callback", "/health", "/metrics"}) {
            if (path.equals(fixed)) {
                return fixed;
            }
        }
        if (path.startsWith("/widget/")) {
            return "/widget";
        }
        if (path.startsWith("/assets/")) {
            return "/assets";
        }
        return "other";
    }
}
