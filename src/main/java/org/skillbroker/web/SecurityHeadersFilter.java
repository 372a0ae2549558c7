package org.skillbroker.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Headers that forbid framing, sniffing and leaking: on every response of the broker. The admin pages carry
 * no script but the status page's copy button (its own file, see {@link #allowOwnScripts}), so the policy allows
 * none by default; forms may post only to the broker, and the connect form's
 * redirect to Webex is a navigation, which {@code form-action} also governs in Chromium, hence the extra host
 * (added by {@link #allowFormTarget}).
 */
public final class SecurityHeadersFilter extends HttpFilter {

    private static final String FORM_TARGET = SecurityHeadersFilter.class.getName() + ".formTarget";

    /** Lets the connect form redirect to the Webex authorize endpoint. */
    public static void allowFormTarget(jakarta.servlet.ServletContext context, String origin) {
        context.setAttribute(FORM_TARGET, origin);
    }

    /**
     * For a page that loads a script of the broker's own (the status page's copy button): adds
     * {@code script-src 'self'} to this response's policy and nothing else; inline script stays forbidden.
     */
    public static void allowOwnScripts(HttpServletResponse response) {
        String policy = response.getHeader("Content-Security-Policy");
        if (policy != null && !policy.contains("script-src")) {
            response.setHeader("Content-Security-Policy",
                    policy.replace("default-src 'none';", "default-src 'none'; script-src 'self';"));
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Object target = request.getServletContext().getAttribute(FORM_TARGET);
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; "
                + "form-action 'self'" + (target == null ? "" : " " + target)
                + "; frame-ancestors 'none'; base-uri 'none'");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
        chain.doFilter(request, response);
    }
}
