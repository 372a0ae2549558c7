package org.skillbroker.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.skillbroker.Broker;
import org.skillbroker.problem.Problem;
import org.skillbroker.problem.ProblemResponses;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * CORS for {@code /api/*} (Fetch standard): the widget runs on the Desktop's origin
 * ({@code https://desktop.wxcc-<dc>.cisco.com}) and calls the broker with an Authorization header, so the browser
 * sends a preflight first. Only configured origins get CORS headers; no credentials (cookies) are ever allowed,
 * since the API authenticates by bearer token. {@code Vary: Origin} always, so caches never serve one origin's
 * answer to another.
 */
public final class CorsFilter extends HttpFilter {

    static final String METHODS = "GET, PATCH, POST, DELETE, OPTIONS";
    static final String HEADERS = "Authorization, Content-Type";
    private static final Set<String> ALLOWED_METHODS = Set.of("GET", "PATCH", "POST", "DELETE", "OPTIONS");
    private static final Set<String> ALLOWED_HEADERS = Set.of("authorization", "content-type");
    /** Browsers cap it (Chromium at 2 h); 10 minutes keeps a configuration change effective soon. */
    private static final String MAX_AGE = "600";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.addHeader("Vary", "Origin");
        String origin = request.getHeader("Origin");
        boolean allowed = origin != null && allowedOrigins(request).contains(origin.toLowerCase(Locale.ROOT));
        String requestedMethod = request.getHeader("Access-Control-Request-Method");
        if ("OPTIONS".equals(request.getMethod()) && origin != null && requestedMethod != null) {
            preflight(request, response, origin, allowed, requestedMethod);
            return;
        }
        if (allowed) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            // so the widget can read why it must wait or sign in again
            response.setHeader("Access-Control-Expose-Headers", "Retry-After, WWW-Authenticate");
        }
        chain.doFilter(request, response);
    }

    private static void preflight(HttpServletRequest request, HttpServletResponse response, String origin,
                                  boolean allowed, String method) throws IOException {
        if (!allowed) {
            ProblemResponses.write(request, response, Problem.of("cors-origin-not-allowed", "Origin not allowed", 403,
                    "This broker does not accept calls from that web origin."));
            return;
        }
        String requestedHeaders = request.getHeader("Access-Control-Request-Headers");
        boolean headersOk = requestedHeaders == null || Arrays.stream(requestedHeaders.split(","))
                .map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty())
                .allMatch(ALLOWED_HEADERS::contains);
        if (!ALLOWED_METHODS.contains(method.trim()) || !headersOk) {
            ProblemResponses.write(request, response, Problem.of("cors-request-not-allowed", "Request not allowed",
                    403, "The API accepts GET and PATCH with the headers Authorization and Content-Type."));
            return;
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        response.setHeader("Access-Control-Allow-Origin", origin);
        response.setHeader("Access-Control-Allow-Methods", METHODS);
        response.setHeader("Access-Control-Allow-Headers", HEADERS);
        response.setHeader("Access-Control-Max-Age", MAX_AGE);
    }

    private static Set<String> allowedOrigins(HttpServletRequest request) {
        return Broker.from(request.getServletContext()).running()
                .map(running -> running.settings().api().allowedOrigins()).orElse(Set.of());
    }
}
