package org.skillbroker.simulator;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Set;
import java.util.function.Predicate;

/**
 * The RSQL subset the simulator understands for a list's {@code filter}: comparisons {@code field==value} and
 * {@code field!=value} (value bare, "double" or 'single' quoted; on an array field {@code ==} means "contains"),
 * joined by {@code ;} or {@code and}, and {@code ,} or {@code or} (and binds tighter), with parentheses.
 * Anything else, or a field the endpoint does not know, is a 400, so unsupported use is visible.
 */
final class Rsql {

    private final String text;
    private final Set<String> fields;
    private int pos;

    private Rsql(String text, Set<String> fields) {
        this.text = text;
        this.fields = fields;
    }

    static Predicate<JsonObject> parse(String filter, Set<String> fields) {
        if (filter == null || filter.isBlank()) {
            return dto -> true;
        }
        Rsql parser = new Rsql(filter, fields);
        Predicate<JsonObject> result = parser.or();
        parser.skipSpaces();
        if (parser.pos != filter.length()) {
            throw bad("unexpected text at " + parser.pos + " in filter: " + filter);
        }
        return result;
    }

    private Predicate<JsonObject> or() {
        Predicate<JsonObject> left = and();
        while (true) {
            skipSpaces();
            if (eat(",") || eatWord("or")) {
                left = left.or(and());
            } else {
                return left;
            }
        }
    }

    private Predicate<JsonObject> and() {
        Predicate<JsonObject> left = term();
        while (true) {
            skipSpaces();
            if (eat(";") || eatWord("and")) {
                left = left.and(term());
            } else {
                return left;
            }
        }
    }

    private Predicate<JsonObject> term() {
        skipSpaces();
        if (eat("(")) {
            Predicate<JsonObject> inner = or();
            skipSpaces();
            if (!eat(")")) {
                throw bad("missing ) in filter: " + text);
            }
            return inner;
        }
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        String field = text.substring(start, pos);
        if (field.isEmpty()) {
            throw bad("a field name expected at " + start + " in filter: " + text);
        }
        if (!fields.contains(field)) {
            throw bad("Unsupported filter field: " + field);
        }
        skipSpaces();
        boolean equal;
        if (eat("==")) {
            equal = true;
        } else if (eat("!=")) {
            equal = false;
        } else {
            throw bad("Unsupported operator after " + field + " (simulator knows == and !=)");
        }
        skipSpaces();
        String value = value();
        Predicate<JsonObject> matches = dto -> matches(dto.get(field), value);
        return equal ? matches : matches.negate();
    }

    private String value() {
        if (pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '\'')) {
            char quote = text.charAt(pos++);
            int end = text.indexOf(quote, pos);
            if (end < 0) {
                throw bad("unterminated quote in filter: " + text);
            }
            String value = text.substring(pos, end);
            pos = end + 1;
            return value;
        }
        int start = pos;
        while (pos < text.length() && " ;,()".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        if (start == pos) {
            throw bad("a value expected at " + start + " in filter: " + text);
        }
        return text.substring(start, pos);
    }

    private static boolean matches(JsonValue actual, String value) {
        if (actual instanceof JsonArray array) {
            return array.stream().anyMatch(v -> value.equals(text(v)));
        }
        return value.equals(text(actual));
    }

    private void skipSpaces() {
        while (pos < text.length() && text.charAt(pos) == ' ') {
            pos++;
        }
    }

    private boolean eat(String token) {
        if (text.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private boolean eatWord(String word) {
        int end = pos + word.length();
        if (text.regionMatches(true, pos, word, 0, word.length()) && end < text.length() && text.charAt(end) == ' ') {
            pos = end;
            return true;
        }
        return false;
    }

    private static SimExchange.BadRequest bad(String message) {
        return new SimExchange.BadRequest(message);
    }

    private static String text(JsonValue v) {
        if (v instanceof JsonString s) {
            return s.getString();
        }
        if (v instanceof JsonNumber n) {
            return n.toString();
        }
        if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
            return v.toString();
        }
        return null;
    }
}
