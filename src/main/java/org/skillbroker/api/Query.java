package org.skillbroker.api;

import org.skillbroker.problem.ApiException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A query string's parameters, first value of each, as a browser's URLSearchParams writes them. Read here rather
 * than through the container's request parameters, which for a form-encoded POST would read the body too, and
 * which each container refuses in its own way when the encoding is broken; here a broken one is a 400 problem.
 */
final class Query {

    /** More than this is not a query any page of the widget sends: refused before it costs anything. */
    static final int MAX_PARAMETERS = 32;

    private Query() {
    }

    static Map<String, String> parse(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        String[] pairs = raw.split("&", MAX_PARAMETERS + 1);
        if (pairs.length > MAX_PARAMETERS) {
            throw invalid("The query has more than " + MAX_PARAMETERS + " parameters.");
        }
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            values.putIfAbsent(name, value);
        }
        return values;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("The query is not percent-encoded correctly.");
        }
    }

    private static ApiException invalid(String detail) {
        return ApiException.of("invalid-query", "Invalid query", 400, detail);
    }
}
