package org.skillbroker.problem;


import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A refusal the API answers with a {@link Problem}: thrown by resources and control code, rendered by
 * {@link ProblemMapper}. Carries the response headers that belong to the problem ({@code WWW-Authenticate},
 * {@code Retry-After}). The message is the problem's detail, which never holds a token or an upstream body.
 */
public final class ApiException extends RuntimeException {

    private final transient Problem problem;
    private final Map<String, String> headers;

    public ApiException(Problem problem) {
        this(problem, Map.of());
    }

    public ApiException(Problem problem, Map<String, String> headers) {
        super(problem.detail(), null, false, false); // a refusal, not a fault: no stack trace to fill
        this.problem = Objects.requireNonNull(problem, "problem");
        this.headers = Map.copyOf(headers);
    }

    public static ApiException of(String kind, String title, int status, String detail) {
        return new ApiException(Problem.of(kind, title, status, detail));
    }

    public ApiException withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiException(problem, more);
    }

    public ApiException with(String name, Object value) {
        return new ApiException(problem.with(name, value), headers);
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
