package org.skillbroker.simulator;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Set;
import java.util.function.Predicate;

/**
 * The small RSQL subset the simulator understands for list {@code filter}: {@code field==value} terms joined by
 * {@code ;} (and), on id, name, description and version. Anything else is a 400, so unsupported use is visible.
 */
final class Rsql {

    private static final Set<String> FIELDS = Set.of("id", "name", "description", "version");

    private Rsql() {
    }

    static Predicate<JsonObject> parse(String filter) {
        Predicate<JsonObject> result = dto -> true;
        if (filter == null || filter.isBlank()) {
            return result;
        }
        for (String term : filter.split(";")) {
            int eq = term.indexOf("==");
            if (eq < 0) {
                throw new SimExchange.BadRequest("Unsupported filter term (simulator knows field==value): " + term);
            }
            String field = term.substring(0, eq).trim();
            String value = unquote(term.substring(eq + 2).trim());
            if (!FIELDS.contains(field)) {
                throw new SimExchange.BadRequest("Unsupported filter field: " + field);
            }
            result = result.and(dto -> value.equals(text(dto.get(field))));
        }
        return result;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static String text(JsonValue v) {
        if (v instanceof JsonString s) {
            return s.getString();
        }
        if (v instanceof JsonNumber n) {
            return n.toString();
        }
        return null;
    }
}
