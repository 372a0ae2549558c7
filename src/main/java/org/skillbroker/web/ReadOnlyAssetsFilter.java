package org.skillbroker.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.skillbroker.problem.Problem;
import org.skillbroker.problem.ProblemResponses;

import java.io.IOException;
import java.util.Set;

/**
 * The stylesheet and scripts under {@code /assets} are read-only. The container's static-file servlet would
 * answer a POST like a GET; here anything but GET and HEAD is a 405 problem, like everywhere else.
 */
public final class ReadOnlyAssetsFilter extends HttpFilter {

    private static final Set<String> READ = Set.of("GET", "HEAD");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!READ.contains(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            ProblemResponses.write(request, response, Problem.of("method-not-allowed", "Method not allowed", 405,
                    "Files under /assets can only be read."));
            return;
        }
        chain.doFilter(request, response);
    }
}
