package org.skillbroker.changes;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Objects;

/**
 * One field of a changed resource, before and after: the unit of the audit trail, of undo and of timed reverts,
 * the same for every kind of resource (a skill profile's proficiency, an agent's skill profile or dynamic skill).
 *
 * @param field  the field's stable key within its resource (a skill's id, {@code skillProfileId}, ...)
 * @param label  what people call it (the skill's name), for the history; may be empty
 * @param before the value before the change: a JSON number, string or boolean, or {@link JsonValue#NULL} when
 *               the resource held none
 * @param after  the value after it, likewise
 */
public record FieldChange(String field, String label, JsonValue before, JsonValue after) {

    public FieldChange {
        Objects.requireNonNull(field, "field");
        label = label == null ? "" : label;
        before = before == null ? JsonValue.NULL : before;
        after = after == null ? JsonValue.NULL : after;
    }

    /** The change the other way round: what an undo or a revert applies. */
    public FieldChange reversed() {
        return new FieldChange(field, label, after, before);
    }

    /** A value as people read it: {@code 7}, {@code true}, {@code text}, or an en dash for none. */
    public static String text(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return "–";
        }
        return value instanceof JsonString s ? s.getString() : value.toString();
    }

    /** Whether two values are the same (numbers by value: 7 and 7.0 are one). */
    public static boolean same(JsonValue a, JsonValue b) {
        JsonValue x = a == null ? JsonValue.NULL : a;
        JsonValue y = b == null ? JsonValue.NULL : b;
        if (x instanceof jakarta.json.JsonNumber m && y instanceof jakarta.json.JsonNumber n) {
            return m.bigDecimalValue().compareTo(n.bigDecimalValue()) == 0;
        }
        return x.equals(y);
    }
}
