package org.skillbroker.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API's routes: a method and a path template such as {@code skill-profiles/{id}/history} per handler. A
 * template's literal segments must match exactly; a {@code {name}} segment matches any one non-empty segment and
 * hands it to the handler, which checks it. Built once at start-up and only read afterwards.
 */
public final class Routes {

    /** Answers one route's requests. */
    @FunctionalInterface
    public interface Handler {
        Reply handle(ApiCall call);
    }

    /** A route and what it takes: a JSON body ({@code consumesJson}) or none. */
    record Route(String method, String[] template, boolean consumesJson, Handler handler) {

        /** The values of the template's {@code {name}} segments, or null when the path is not this route's. */
        Map<String, String> match(String[] segments) {
            if (segments.length != template.length) {
                return null;
            }
            Map<String, String> values = null;
            for (int i = 0; i < template.length; i++) {
                String part = template[i];
                if (part.startsWith("{")) {
                    if (segments[i].isEmpty()) {
                        return null;
                    }
                    if (values == null) {
                        values = new LinkedHashMap<>(4);
                    }
                    values.put(part.substring(1, part.length() - 1), segments[i]);
                } else if (!part.equals(segments[i])) {
                    return null;
                }
            }
            return values == null ? Map.of() : values;
        }
    }

    /** What a path resolved to: the route for the method, or the methods the path does accept. */
    record Match(Route route, Map<String, String> values, Set<String> allowed) {
    }

    private final List<Route> routes = new ArrayList<>();

    public Routes get(String template, Handler handler) {
        return add("GET", template, false, handler);
    }

    public Routes post(String template, Handler handler) {
        return add("POST", template, false, handler);
    }

    public Routes delete(String template, Handler handler) {
        return add("DELETE", template, false, handler);
    }

    /** A PATCH whose body is JSON ({@code application/json} or {@code application/merge-patch+json}). */
    public Routes patch(String template, Handler handler) {
        return add("PATCH", template, true, handler);
    }

    private Routes add(String method, String template, boolean consumesJson, Handler handler) {
        routes.add(new Route(method, template.split("/"), consumesJson, handler));
        return this;
    }

    /**
     * The route for this method and path (the path relative to the API, without its leading slash); HEAD is served
     * by the GET route. With no route for the method, the methods the path accepts, empty when there is no such path.
     */
    Match find(String method, String path) {
        String[] segments = path.split("/", -1);
        String wanted = "HEAD".equals(method) ? "GET" : method;
        for (Route route : routes) {
            if (route.method().equals(wanted)) {
                Map<String, String> values = route.match(segments);
                if (values != null) {
                    return new Match(route, values, Set.of());
                }
            }
        }
        // no route for the method (rare: a client's mistake): which methods the path takes, for 405 or 404
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            if (route.match(segments) != null) {
                allowed.add(route.method());
            }
        }
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        if (!allowed.isEmpty()) {
            allowed.add("OPTIONS");
        }
        return new Match(null, Map.of(), allowed);
    }
}
