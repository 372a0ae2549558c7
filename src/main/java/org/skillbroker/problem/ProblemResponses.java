package org.skillbroker.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.skillbroker.web.Html;
import org.skillbroker.web.Messages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link Problem} from a servlet: {@code application/problem+json} for programs, and the same words
 * as a small readable page when a browser asks for HTML (an admin's callback from Webex lands here).
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, Problem problem)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(problem.status());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        if (wantsHtml(request)) {
            response.setContentType("text/html;charset=UTF-8");
            Messages msg = Messages.of(request);
            response.setHeader("Vary", "Accept-Language");
            response.getWriter().write(Html.page(msg, request.getContextPath(), problem.title(),
                    "<div class=\"card problem\"><h1>" + Html.escape(problem.title()) + "</h1><p>"
                            + Html.escape(problem.detail()) + "</p><p class=\"muted\">"
                            + Html.escape(msg.get("problem.type")) + " <code>"
                            + Html.escape(problem.type()) + "</code></p>"
                            + "<p><a class=\"button\" href=\"" + Html.escape(request.getContextPath())
                            + "/setup\">" + Html.escape(msg.get("problem.back")) + "</a></p></div>"));
        } else {
            response.setContentType(Problem.MEDIA_TYPE);
            response.getWriter().write(problem.toJson());
        }
    }

    private static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }
}
