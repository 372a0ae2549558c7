package org.skillbroker.problem;

import org.skillbroker.Jsonp;
import jakarta.json.JsonObjectBuilder;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An RFC 9457 problem: a stable {@code type} per kind of error, a short {@code title}, the HTTP {@code status}
 * and a {@code detail} written for the person who must act. Never carries a token or an upstream body.
 *
 * @param extensions extra members (e.g. {@code missingSetting}); values are plain strings or numbers
 */
public record Problem(String type, String title, int status, String detail, Map<String, Object> extensions) {

    /** Types are URNs under this prefix, e.g. {@code urn:skill-broker:problem:invalid-state}. */
    public static final String TYPE_PREFIX = "urn:skill-broker:problem:";
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        detail = detail == null ? "" : detail;
        extensions = Map.copyOf(extensions);
    }

    public static Problem of(String kind, String title, int status, String detail) {
        return new Problem(TYPE_PREFIX + kind, title, status, detail, Map.of());
    }

    /** The broker's configuration is incomplete: every entry point but /setup and /health answers this. */
    public static Problem notConfigured() {
        return of("not-configured", "Broker not configured", 503,
                "The broker's configuration is incomplete; /setup lists what to fix.");
    }

    public Problem with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, title, status, detail, more);
    }

    public URI typeUri() {
        return URI.create(type);
    }

    public String toJson() {
        JsonObjectBuilder json = Jsonp.createObjectBuilder()
                .add("type", type).add("title", title).add("status", status).add("detail", detail);
        extensions.forEach((name, value) -> {
            if (value instanceof Number number) {
                json.add(name, number.longValue());
            } else {
                json.add(name, String.valueOf(value));
            }
        });
        return json.build().toString();
    }
}
