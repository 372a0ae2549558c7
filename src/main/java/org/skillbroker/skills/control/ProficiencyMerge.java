package org.skillbroker.skills.control;

import org.skillbroker.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.skillbroker.skills.entity.ProficiencyChange;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
        return body.build();
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
