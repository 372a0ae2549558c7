package org.skillbroker.simulator;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The error bodies of both API families and small JSON conveniences. */
final class JsonBodies {

    private JsonBodies() {
    }

    /** Webex REST error: {@code {"message", "errors":[{"description"}], "trackingId"}} (webex-api.md §1.9). */
    static JsonObject webexError(String message, String trackingId) {
        return Json.createObjectBuilder()
                .add("message", message)
                .add("errors", Json.createArrayBuilder().add(Json.createObjectBuilder().add("description", message)))
                .add("trackingId", trackingId)
                .build();
    }

    /** OAuth token-endpoint error: the RFC 6749 §5.2 fields plus Webex's own message/errors/trackingId. */
    static JsonObject oauthError(String error, String description, String trackingId) {
        return Json.createObjectBuilder()
                .add("error", error)
                .add("error_description", description)
                .add("message", description)
                .add("errors", Json.createArrayBuilder().add(Json.createObjectBuilder().add("description", description)))
                .add("trackingId", trackingId)
                .build();
    }

    /**
     * CC {@code ApiErrorResponse}: {@code key} is the status as a string, {@code message} an array of
     * {@code {description}} (webex-contract.md §5). Cisco's examples also show a {@code reason}, its schema does
     * not: left out, so a client cannot come to depend on it.
     */
    static JsonObject ccError(int status, String description, String trackingId) {
        return Json.createObjectBuilder()
                .add("trackingId", trackingId)
                .add("error", Json.createObjectBuilder()
                        .add("key", Integer.toString(status))
                        .add("message", Json.createArrayBuilder()
                                .add(Json.createObjectBuilder().add("description", description))))
                .build();
    }

    static JsonValue parse(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (jakarta.json.JsonException e) {
            return null;
        }
    }

    /**
     * Whether an array breaks the schema keyword {@code uniqueItems}: two items equal as JSON Schema compares
     * them (numbers by value, so 1 and 1.0 are one; objects by members, whatever their order).
     */
    static boolean repeats(JsonArray array) {
        Set<String> seen = new HashSet<>();
        return !array.stream().map(JsonBodies::canonical).allMatch(seen::add);
    }

    private static String canonical(JsonValue value) {
        return switch (value.getValueType()) {
            case NUMBER -> "n" + ((JsonNumber) value).bigDecimalValue().stripTrailingZeros().toPlainString();
            case ARRAY -> value.asJsonArray().stream().map(JsonBodies::canonical)
                    .collect(Collectors.joining(",", "[", "]"));
            case OBJECT -> new TreeMap<>(value.asJsonObject()).entrySet().stream()
                    .map(e -> Json.createValue(e.getKey()) + ":" + canonical(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
            default -> value.toString();
        };
    }

    static JsonArrayBuilder strings(List<String> values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }

    static JsonObject page(List<? extends JsonValue> all, int page, int pageSize) {
        int total = all.size();
        int from = Math.min(total, Math.max(0, page) * pageSize);
        int to = Math.min(total, from + pageSize);
        JsonArrayBuilder data = Json.createArrayBuilder();
        all.subList(from, to).forEach(data::add);
        JsonObjectBuilder meta = Json.createObjectBuilder()
                .add("page", page)
                .add("pageSize", pageSize)
                .add("totalPages", (total + pageSize - 1) / pageSize)
                .add("totalRecords", total)
                .add("links", Json.createObjectBuilder().add("self", "?page=" + page + "&pageSize=" + pageSize));
        return Json.createObjectBuilder().add("data", data).add("meta", meta).build();
    }
}
