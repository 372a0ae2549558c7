package org.skillbroker.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Gives a problem body to an API error that left without one. Jersey's servlet answers a {@code Content-Type} or
 * {@code Accept} header it cannot parse with a bare 400 of its own (it catches its {@code HeaderValueException}
 * outside the application, so no {@code ExceptionMapper} sees it, and with {@code setStatusOverSendError} the
 * container's error page does not either).
 */
public final class BareErrorFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, response);
        if (!response.isCommitted() && response.getStatus() >= 400 && response.getContentType() == null) {
            ProblemResponses.write(request, response, ErrorServlet.problemFor(response.getStatus()));
        }
    }
}
