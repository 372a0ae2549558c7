package org.skillbroker.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The container's error page (web.xml): whatever went wrong outside our own handlers - an unknown path, a
 * wrong method on a static file, an exception that escaped - becomes a problem response, never a stack trace
 * or the container's HTML page.
 */
public final class ErrorServlet extends HttpServlet {

    private static final System.Logger LOG = System.getLogger(ErrorServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 404;
        Object thrown = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (thrown instanceof Throwable t) {
            // Type only: an exception message can carry anything, including what a caller sent. A 4xx is the
            // caller's mistake (e.g. a broken chunked body), not the operator's problem.
            LOG.log(status >= 500 ? System.Logger.Level.ERROR : System.Logger.Level.DEBUG, "Unhandled {0} on {1}",
                    t.getClass().getName(), request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        }
        ProblemResponses.write(request, response, problemFor(status));
    }

    static Problem problemFor(int status) {
        return switch (status) {
            case 400 -> Problem.of("bad-request", "Bad request", 400, "The request could not be understood.");
            case 401 -> Problem.of("unauthorized", "Unauthorized", 401, "Authentication is required.");
            case 403 -> Problem.of("forbidden", "Forbidden", 403, "This is not allowed.");
            case 404 -> Problem.of("not-found", "Not found", 404, "There is nothing at this address.");
            // 501 is what HttpServlet answers to a method it does not know (PROPFIND, FOO, a lower-case get): for
            // the broker that is a method this address does not accept, as the API says, and never
            // "the broker failed"
            case 405, 501 -> Problem.of("method-not-allowed", "Method not allowed", 405,
                    "This address does not accept that method.");
            case 413 -> Problem.of("too-large", "Request too large", 413, "The request is too large.");
            case 414, 431 -> Problem.of("too-large", "Request too large", status, "The request line or headers are too large.");
            default -> status >= 400 && status < 500
                    ? Problem.of("bad-request", "Bad request", status, "The request was not accepted.")
                    : Problem.of("internal", "Internal error", 500,
                    "The broker failed unexpectedly. The operator can find the cause in the server log.");
        };
    }
}
