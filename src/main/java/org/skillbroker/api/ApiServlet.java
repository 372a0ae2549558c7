package org.skillbroker.api;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.skillbroker.agents.boundary.AgentsResource;
import org.skillbroker.problem.ApiException;
import org.skillbroker.problem.Problem;
import org.skillbroker.problem.ProblemMapper;
import org.skillbroker.skills.boundary.SkillProfilesResource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code /api/*}: finds the route of a request, checks the media types it sends and accepts, runs the route's
 * handler and writes its JSON, or the {@code application/problem+json} of whatever refused it.
 *
 * <p>The API is 17 routes of JSON in and out; a JAX-RS runtime for them cost more than the rest of the broker (issue
 * 15: Jersey's start-up was 1.1 s of a 2.5 s deploy, its dispatch a fifth of the CPU of a change, and with HK2 it
 * made 4.4 MB of a 5.5 MB WAR). What it did for us is here, in the order it did it: 404 for an unknown path,
 * 405 with {@code Allow} for a method the path does not take ({@code OPTIONS} answered with {@code Allow}, HEAD
 * served by GET), 415 for a body that is not JSON, 406 when the client accepts no JSON.
 */
public final class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String JSON = "application/json";

    private transient Routes routes;

    @Override
    public void init() {
        routes = new Routes();
        SkillProfilesResource.register(routes);
        AgentsResource.register(routes);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean head = "HEAD".equals(request.getMethod());
        try {
            Routes.Match match = routes.find(request.getMethod(), relativePath(request));
            if (match.route() == null) {
                refuse(request, response, match);
                return;
            }
            if (match.route().consumesJson() && !MediaTypes.isJson(request.getContentType())) {
                throw ApiException.of("unsupported-media-type", "Unsupported media type", 415,
                        "Send application/json or application/merge-patch+json.");
            }
            if (!MediaTypes.acceptsJson(request.getHeader("Accept"))) {
                throw ApiException.of("not-acceptable", "Not acceptable", 406,
                        "This API answers application/json (errors: application/problem+json).");
            }
            Reply reply = match.route().handler().handle(new ApiCall(request, match.values()));
            response.setStatus(reply.status());
            response.setHeader("Cache-Control", "no-store");
            if (reply.body().isPresent()) {
                write(response, JSON, reply.body().get().toString(), head);
            }
        } catch (RuntimeException e) {
            ApiException problem = ProblemMapper.translate(e);
            if (response.isCommitted()) {
                return; // the answer had begun: nothing truthful can be added to it
            }
            response.resetBuffer(); // the filters' headers (security, CORS) stay
            response.setStatus(problem.problem().status());
            response.setHeader("Cache-Control", "no-store");
            problem.headers().forEach(response::setHeader);
            write(response, Problem.MEDIA_TYPE, problem.problem().toJson(), head);
        }
    }

    /** No route for the method: 404 for a path the API does not have, else 405, or the methods for OPTIONS. */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, Routes.Match match) {
        if (match.allowed().isEmpty()) {
            throw ApiException.of("not-found", "Not found", 404, "There is nothing at this address.");
        }
        String allow = String.join(", ", match.allowed());
        if ("OPTIONS".equals(request.getMethod())) {
            response.setStatus(204); // a preflight is answered by the CORS filter before this
            response.setHeader("Allow", allow);
            return;
        }
        throw ApiException.of("method-not-allowed", "Method not allowed", 405,
                "This address does not accept that method.").withHeader("Allow", allow);
    }

    /** The path below {@code /api/}, without a trailing slash: {@code skill-profiles/{id}}. */
    private static String relativePath(HttpServletRequest request) {
        String path = request.getPathInfo();
        if (path == null || path.length() <= 1) {
            return "";
        }
        int end = path.endsWith("/") ? path.length() - 1 : path.length();
        return path.substring(1, end);
    }

    private static void write(HttpServletResponse response, String type, String json, boolean head)
            throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        response.setContentType(type);
        response.setContentLength(bytes.length);
        if (!head) {
            response.getOutputStream().write(bytes);
        }
    }

    /** The media types of the API, as JAX-RS compared them: by type and subtype, parameters aside. */
    static final class MediaTypes {

        private MediaTypes() {
        }

        /** A body's type: JSON or JSON merge patch; none declared is taken as JSON, as JAX-RS took it. */
        static boolean isJson(String contentType) {
            if (contentType == null) {
                return true;
            }
            String type = base(contentType);
            return type.equals(JSON) || type.equals("application/merge-patch+json");
        }

        /** Whether an Accept header admits JSON: no header does; a range with {@code q=0} refuses. */
        static boolean acceptsJson(String accept) {
            if (accept == null || accept.isBlank()) {
                return true;
            }
            for (String range : accept.split(",", 64)) {
                String type = base(range);
                if ((type.equals(JSON) || type.equals("application/*") || type.equals("*/*")) && !refused(range)) {
                    return true;
                }
            }
            return false;
        }

        private static String base(String mediaType) {
            int semicolon = mediaType.indexOf(';');
            return (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        }

        private static boolean refused(String range) {
            for (String parameter : range.split(";")) {
                String[] pair = parameter.trim().split("=", 2);
                if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("q")) {
                    try {
                        return Double.parseDouble(pair[1].trim()) <= 0;
                    } catch (NumberFormatException e) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
