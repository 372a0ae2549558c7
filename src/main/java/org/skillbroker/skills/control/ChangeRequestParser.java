package org.skillbroker.skills.control;

import org.skillbroker.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.skillbroker.problem.ApiException;
import org.skillbroker.skills.entity.ProficiencyChange;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Reads a PATCH body, {@code {"activeSkills":[{"skillId":"…","proficiencyValue":7}]}}, strictly: any other
 * member is refused by name, values must be JSON integers 0..10 (not 7.5, not "7"), skill ids UUIDs and each at
 * most once. Whether the skills exist in the profile and are PROFICIENCY skills is checked against the profile.
 */
public final class ChangeRequestParser {

    private static final BigDecimal MIN = BigDecimal.valueOf(ProficiencyChange.MIN);
    private static final BigDecimal MAX = BigDecimal.valueOf(ProficiencyChange.MAX);
    /**
     * Most skills one request may change. The widget sends at most one profile's changed skills; anything longer
     * is refused before any work, so one request's cost does not grow with its body.
     */
    public static final int MAX_CHANGES = 100;

    private ChangeRequestParser() {
    }

    /** A PATCH body: the proficiencies to set and, for a timed change, when to set them back. */
    public record Request(List<ProficiencyChange> changes, Optional<Instant> until) {
    }

    public static List<ProficiencyChange> parse(byte[] body) {
        return parseRequest(body).changes();
    }

    /**
     * Also reads {@code "until"}: an ISO-8601 time with a zone ({@code 2026-11-30T18:00:00Z} or
     * {@code ...+01:00}); whether it is in the allowed range is the change service's check.
     */
    public static Request parseRequest(byte[] body) {
        JsonValue value;
        try (JsonReader reader = Jsonp.createReader(new ByteArrayInputStream(body))) {
            value = reader.readValue();
        } catch (jakarta.json.JsonException e) { // JsonParsingException included
            throw malformed();
        } catch (RuntimeException e) {
            // Parsson refuses what it will not hold with plain runtime exceptions, not JsonException: nesting over
            // its depth limit (RuntimeException), a number longer than its limit (UnsupportedOperationException),
            // an exponent beyond an int (NumberFormatException). All of them are the caller's bad JSON, never a 500.
            throw malformed();
        }
        if (!(value instanceof JsonObject object)) {
            throw invalid("$", "The body must be a JSON object with an activeSkills array.");
        }
        for (String name : object.keySet()) {
            if (!"activeSkills".equals(name) && !"until".equals(name)) {
                throw unknownField(name);
            }
        }
        if (!(object.get("activeSkills") instanceof JsonArray skills) || skills.isEmpty()) {
            throw invalid("activeSkills", "activeSkills must be a non-empty array of {skillId, proficiencyValue}.");
        }
        if (skills.size() > MAX_CHANGES) {
            throw ApiException.of("too-many-changes", "Too many changes", 400, "At most " + MAX_CHANGES
                    + " skills can be changed in one request; the widget sends one profile's changed skills.")
                    .with("field", "activeSkills");
        }
        List<ProficiencyChange> changes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < skills.size(); i++) {
            String at = "activeSkills[" + i + "]";
            if (!(skills.get(i) instanceof JsonObject skill)) {
                throw invalid(at, at + " must be an object {skillId, proficiencyValue}.");
            }
            for (String name : skill.keySet()) {
                if (!"skillId".equals(name) && !"proficiencyValue".equals(name)) {
                    throw unknownField(at + "." + name);
                }
            }
            if (!(skill.get("skillId") instanceof JsonString id) || !Ids.isUuid(id.getString())) {
                throw invalid(at + ".skillId", at + ".skillId must be a skill's UUID.");
            }
            String skillId = Ids.normalize(id.getString());
            if (!seen.add(skillId)) {
                throw ApiException.of("duplicate-skill", "Duplicate skill", 400,
                        "Skill " + skillId + " appears more than once.").with("field", at + ".skillId");
            }
            changes.add(new ProficiencyChange(skillId, proficiency(skill.get("proficiencyValue"), at)));
        }
        return new Request(List.copyOf(changes), until(object.get("until")));
    }

    /** {@code "until"}: absent or null for none, else an ISO-8601 time with a zone (agents read it alike). */
    public static Optional<Instant> until(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonString text && text.getString().length() <= 40) {
            try {
                return Optional.of(OffsetDateTime.parse(text.getString()).toInstant());
            } catch (DateTimeParseException e) {
                // said below
            }
        }
        throw ApiException.of("invalid-until", "Invalid revert time", 400,
                "until must be an ISO-8601 time with a zone, e.g. 2026-11-30T18:00:00Z.").with("field", "until");
    }

    private static int proficiency(JsonValue value, String at) {
        String field = at + ".proficiencyValue";
        if (!(value instanceof JsonNumber number)) {
            throw invalidValue(field);
        }
        BigDecimal decimal;
        try {
            decimal = number.bigDecimalValue();
        } catch (NumberFormatException | UnsupportedOperationException e) { // e.g. 1e2147483648
            throw invalidValue(field);
        }
        // a plain integer literal only: 7.0 and 1E1 are refused like 7.5 (the widget sends integers), and a
        // huge number is compared as a BigDecimal, never narrowed to an int first
        if (decimal.scale() != 0 || decimal.compareTo(MIN) < 0 || decimal.compareTo(MAX) > 0) {
            throw invalidValue(field);
        }
        return decimal.intValueExact();
    }

    private static ApiException malformed() {
        return ApiException.of("malformed-json", "Malformed JSON", 400,
                "The request body is not valid JSON, or nests or numbers beyond what the broker reads.");
    }

    private static ApiException invalidValue(String field) {
        return ApiException.of("invalid-value", "Invalid proficiency", 400,
                field + " must be a whole number from 0 to 10.").with("field", field);
    }

    private static ApiException invalid(String field, String detail) {
        return ApiException.of("invalid-body", "Invalid request body", 400, detail).with("field", field);
    }

    private static ApiException unknownField(String field) {
        return ApiException.of("unknown-field", "Field not allowed", 400,
                "Field \"" + field + "\" cannot be changed here: only activeSkills[].proficiencyValue can (and until "
                        + "says when to set them back).")
                .with("field", field);
    }
}
