package org.skillbroker.agents.entity;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.skillbroker.webex.SkillsClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A Contact Center user as the Agents view knows them (UserDTO, webex-contract.md §3–4): the teams they belong to,
 * their own skill profile ("" when their team's applies) and their dynamic skills. Booleans count only when sent as
 * {@code true}: a user without {@code active} is shown inactive.
 */
public record Agent(String id, String firstName, String lastName, String email, boolean active,
                    List<String> teamIds, String ownProfileId, List<DynamicSkill> dynamicSkills) {

    /** The field key of the agent's own skill profile, in changes, history and reverts. */
    public static final String PROFILE_FIELD = "skillProfileId";
    /** The prefix of a dynamic skill's field key: {@code dynamicSkill:<skill id>}. */
    public static final String DYNAMIC_PREFIX = "dynamicSkill:";

    public Agent {
        Objects.requireNonNull(id, "id");
        teamIds = List.copyOf(teamIds);
        ownProfileId = ownProfileId == null ? "" : ownProfileId;
        dynamicSkills = List.copyOf(dynamicSkills);
    }

    /**
     * What an enum skill's value is when Contact Center shows one the broker cannot name (several values, or one the
     * skill does not list): never equal to a value the broker would write, so a change or revert of it is refused
     * rather than made on a guess.
     */
    public static final JsonValue UNREADABLE = Json.createObjectBuilder().add("unreadable", true).build();

    /**
     * One AssignedDynamicSkillsDTO: the values Contact Center sent (null when it sent none); which one counts
     * depends on the skill's type.
     */
    public record DynamicSkill(String skillId, Integer proficiency, Boolean bool, String text, String enumValues) {
        /**
         * The value for this skill ({@link JsonValue#NULL} when Contact Center sent none for its type): an enum
         * skill's is its value's name, or {@link #UNREADABLE}.
         */
        public JsonValue value(SkillsClient.Skill skill) {
            return switch (skill == null ? "UNKNOWN" : skill.type()) {
                case "PROFICIENCY" -> proficiency == null ? JsonValue.NULL : Json.createValue(proficiency);
                case "BOOLEAN" -> bool == null ? JsonValue.NULL : bool ? JsonValue.TRUE : JsonValue.FALSE;
                case "TEXT" -> text == null ? JsonValue.NULL : Json.createValue(text);
                case "ENUM" -> enumValues == null || enumValues.isEmpty() ? JsonValue.NULL
                        : skill.valueShown(enumValues).<JsonValue>map(v -> Json.createValue(v.name())).orElse(UNREADABLE);
                default -> JsonValue.NULL;
            };
        }
    }

    public static Agent from(JsonObject user) {
        List<DynamicSkill> dynamic = new ArrayList<>();
        if (user.get("dynamicSkills") instanceof JsonArray skills) {
            for (JsonValue v : skills) {
                if (v instanceof JsonObject s && s.get("skillId") instanceof JsonString id && !id.getString().isEmpty()) {
                    dynamic.add(new DynamicSkill(lower(id.getString()),
                            s.get("proficiencyValue") instanceof JsonNumber n && n.isIntegral() ? n.intValue() : null,
                            s.get("booleanValue") == JsonValue.TRUE ? Boolean.TRUE
                                    : s.get("booleanValue") == JsonValue.FALSE ? Boolean.FALSE : null,
                            s.get("textValue") instanceof JsonString t ? t.getString() : null,
                            s.get("enumSkillValues") instanceof JsonString e ? e.getString() : null));
                }
            }
        }
        List<String> teams = user.get("teamIds") instanceof JsonArray array
                ? array.stream().filter(v -> v instanceof JsonString).map(v -> lower(((JsonString) v).getString()))
                .filter(s -> !s.isEmpty()).distinct().toList()
                : List.of();
        return new Agent(lower(text(user, "id")), text(user, "firstName"), text(user, "lastName"),
                text(user, "email"), user.get("active") == JsonValue.TRUE, teams,
                lower(text(user, "skillProfileId")), dynamic);
    }

    public String name() {
        return (firstName + " " + lastName).trim();
    }

    /** A dynamic skill of the agent, if they have it. */
    public java.util.Optional<DynamicSkill> dynamicSkill(String skillId) {
        return dynamicSkills.stream().filter(s -> s.skillId().equals(lower(skillId))).findFirst();
    }

    /**
     * The agent's changeable fields as they are now, for the fields named: {@link #PROFILE_FIELD} (a string, or
     * NULL for none) and {@code dynamicSkill:<id>} (the value for the skill's type, or NULL when not held).
     *
     * @param skills skill id → the skill, for the dynamic skills named
     */
    public Map<String, JsonValue> values(java.util.Collection<String> fields, Map<String, SkillsClient.Skill> skills) {
        Map<String, JsonValue> values = new LinkedHashMap<>();
        for (String field : fields) {
            if (PROFILE_FIELD.equals(field)) {
                values.put(field, ownProfileId.isEmpty() ? JsonValue.NULL : Json.createValue(ownProfileId));
            } else if (field.startsWith(DYNAMIC_PREFIX)) {
                String skillId = field.substring(DYNAMIC_PREFIX.length());
                values.put(field, dynamicSkill(skillId).map(s -> s.value(skills.get(skillId)))
                        .orElse(JsonValue.NULL));
            }
        }
        return values;
    }

    private static String text(JsonObject json, String name) {
        return json.get(name) instanceof JsonString s ? s.getString() : "";
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
