package org.skillbroker.api;

import jakarta.servlet.http.HttpServletRequest;
import org.skillbroker.Broker;
import org.skillbroker.problem.ApiException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One request to the API as a handler sees it: the ids in its path, its query, who sent it, its body. Path values
 * are the segments as the container decoded them, never checked here: each handler checks its own ids.
 */
public final class ApiCall {

    private final HttpServletRequest request;
    private final Map<String, String> path;
    private Map<String, String> query;

    ApiCall(HttpServletRequest request, Map<String, String> path) {
        this.request = request;
        this.path = path;
    }

    /** The broker, or 503 {@code not-configured} while its configuration is incomplete. */
    public Broker.Running broker() {
        return Broker.running(request.getServletContext());
    }

    /** A value named in the route's template, e.g. {@code id} for {@code skill-profiles/{id}}. */
    public String path(String name) {
        String value = path.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no {" + name + "} in this route");
        }
        return value;
    }

    /** The first value of a query parameter, decoded; null when absent. */
    public String query(String name) {
        if (query == null) {
            query = Query.parse(request.getQueryString());
        }
        return query.get(name);
    }

    /** Every Authorization header sent (the caller gate refuses more than one). */
    public List<String> authorization() {
        return Collections.list(request.getHeaders("Authorization"));
    }

    public String clientAddress() {
        return request.getRemoteAddr();
    }

    /** The Content-Length the client declared, -1 when it sent none (chunked). */
    public long declaredLength() {
        return request.getContentLengthLong();
    }

    public InputStream body() {
        try {
            return request.getInputStream();
        } catch (IOException e) {
            throw ApiException.of("bad-request", "Bad request", 400, "The request body could not be read.");
        }
    }
}
