package org.skillbroker.skills.control;

import org.skillbroker.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.skillbroker.problem.ApiException;
import org.skillbroker.skills.entity.ProficiencyChange;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Applies proficiency changes to a full SkillProfileDTO. Contact Center has no PATCH and its PUT replaces the
 * profile (webex-api.md §3.3), so the body written back is the profile as read with only the requested
 * {@code proficiencyValue}s changed: every other skill, enum skill, name, description and the {@code version}
 * the change was based on stay exactly as they were. Only the read-only detail fields that
 * {@code includeSkillDetails=true} would add are dropped, in case Webex ever sends them; unknown fields are kept,
 * because dropping a field Webex added later would erase it.
 */
public final class ProficiencyMerge {

    private static final Set<String> SKILL_DETAILS = Set.of("skillName");
    private static final Set<String> ENUM_DETAILS = Set.of("enumSkillName", "enumSkillValue", "enumSkillId");

    private ProficiencyMerge() {
    }

    /** The skill ids active in the profile, lower-cased, mapped to their current proficiency (or null). */
    public static Map<String, Integer> proficiencies(JsonObject profile) {
        Map<String, Integer> values = new HashMap<>();
        for (JsonObject skill : activeSkills(profile)) {
            String id = skill.getString("skillId", null);
            if (id != null) {
                values.put(id.toLowerCase(Locale.ROOT),
                        skill.get("proficiencyValue") instanceof JsonNumber n ? n.intValue() : null);
            }
        }
        return values;
    }

    /**
     * @param changes each must name a skill active in the profile (checked before; an unknown one is ignored)
     * @return the body to PUT
     */
    public static JsonObject apply(JsonObject profile, List<ProficiencyChange> changes) {
        Map<String, Integer> wanted = new HashMap<>();
        changes.forEach(c -> wanted.put(c.skillId().toLowerCase(Locale.ROOT), c.value()));
        JsonArrayBuilder skills = Jsonp.createArrayBuilder();
        for (JsonObject skill : activeSkills(profile)) {
            JsonObjectBuilder copy = without(skill, SKILL_DETAILS);
            Integer value = wanted.get(skill.getString("skillId", "").toLowerCase(Locale.ROOT));
            if (value != null) {
                copy.add("proficiencyValue", value);
            }
            skills.add(copy);
        }
        JsonObjectBuilder body = Jsonp.createObjectBuilder(profile).add("activeSkills", skills);
        if (profile.get("activeEnumSkills") instanceof jakarta.json.JsonArray enums) {
            JsonArrayBuilder cleaned = Jsonp.createArrayBuilder();
            for (JsonValue item : enums) {
                cleaned.add(item instanceof JsonObject o ? without(o, ENUM_DETAILS).build() : item);
            }
            body.add("activeEnumSkills", cleaned);
        }
        JsonObject built = body.build();
        for (String array : List.of("activeSkills", "activeEnumSkills")) {
            if (built.get(array) instanceof JsonArray items && repeats(items)) {
                throw repeated(array);
            }
        }
        return built;
    }

    /**
     * Cisco's SkillProfileDTO says uniqueItems for both arrays, so a body with two equal entries is one Contact
     * Center refuses. It can only come from a profile that lists a skill twice (entries without ids that a change or
     * the dropped detail fields make equal): refused before the PUT, which would cost a call and change nothing.
     */
    private static ApiException repeated(String array) {
        return ApiException.of("repeated-entry", "Profile lists an entry twice", 409, "Contact Center lists the "
                + "same skill more than once in this profile's " + array + "; written back, the profile would "
                + "break Cisco's schema (its entries must be unique). Nothing was changed: tidy the profile in "
                + "Control Hub.").with("field", array);
    }

    /** Two items equal as JSON Schema's uniqueItems compares them: numbers by value, members in any order. */
    static boolean repeats(JsonArray array) {
        Set<String> seen = new HashSet<>();
        return !array.stream().map(ProficiencyMerge::canonical).allMatch(seen::add);
    }

    private static String canonical(JsonValue value) {
        return switch (value.getValueType()) {
            case NUMBER -> "n" + ((JsonNumber) value).bigDecimalValue().stripTrailingZeros().toPlainString();
            case ARRAY -> value.asJsonArray().stream().map(ProficiencyMerge::canonical)
                    .collect(Collectors.joining(",", "[", "]"));
            case OBJECT -> new TreeMap<>(value.asJsonObject()).entrySet().stream()
                    .map(e -> Jsonp.createValue(e.getKey()) + ":" + canonical(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
            default -> value.toString();
        };
    }

    private static List<JsonObject> activeSkills(JsonObject profile) {
        return profile.get("activeSkills") instanceof jakarta.json.JsonArray array
                ? array.stream().filter(v -> v instanceof JsonObject).map(JsonValue::asJsonObject).toList()
                : List.of();
    }

    private static JsonObjectBuilder without(JsonObject object, Set<String> names) {
        JsonObjectBuilder copy = Jsonp.createObjectBuilder();
        object.forEach((name, value) -> {
            if (!names.contains(name)) {
                copy.add(name, value);
            }
        });
        return copy;
    }
}
