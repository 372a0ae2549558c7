package org.skillbroker.simulator;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a skill-profile PUT body must satisfy (webex-api.md §3.2). Unknown fields, including the read-only
 * detail fields that {@code includeSkillDetails=true} adds, are rejected, so a client that echoes a detailed GET
 * back unchanged is caught.
 */
final class SkillProfileValidation {

    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9,@_.\\-\\s]*$");
    private static final Set<String> PROFILE_FIELDS = Set.of("organizationId", "id", "version", "name",
            "description", "activeSkills", "activeEnumSkills", "createdTime", "lastUpdatedTime");
    private static final Set<String> SKILL_FIELDS = Set.of("id", "version", "organizationId", "skillId",
            "proficiencyValue", "booleanValue", "textValue", "createdTime", "lastUpdatedTime");
    private static final Set<String> ENUM_FIELDS = Set.of("id", "version", "organizationId", "enumSkillValueId",
            "createdTime", "lastUpdatedTime");

    private final SkillCatalog catalog;

    SkillProfileValidation(SkillCatalog catalog) {
        this.catalog = catalog;
    }

    /** @return the first problem found, or empty if the body is acceptable */
    Optional<String> problem(String orgUuid, String pathId, JsonObject body) {
        Optional<String> unknown = unknownField(body, PROFILE_FIELDS, "");
        if (unknown.isPresent()) {
            return unknown;
        }
        if (!(body.get("id") instanceof JsonString id)) {
            return Optional.of("id is mandatory for update");
        }
        if (!id.getString().equals(pathId)) {
            return Optional.of("id in the body does not match the id in the path");
        }
        if (body.containsKey("organizationId") && !body.isNull("organizationId")
                && !orgUuid.equals(stringOrNull(body.get("organizationId")))) {
            return Optional.of("organizationId does not match the organization in the path");
        }
        if (!(body.get("name") instanceof JsonString name) || name.getString().isBlank()) {
            return Optional.of("name is required");
        }
        if (name.getString().length() > 80 || !NAME.matcher(name.getString()).matches()) {
            return Optional.of("name must be at most 80 characters of letters, digits, spaces and , @ _ . -");
        }
        JsonValue description = body.get("description");
        if (description != null && description.getValueType() != JsonValue.ValueType.NULL
                && (!(description instanceof JsonString d) || d.getString().length() > 255)) {
            return Optional.of("description must be a string of at most 255 characters");
        }
        if (body.get("version") != null && !(body.get("version") instanceof JsonNumber)) {
            return Optional.of("version must be an integer");
        }
        for (String array : List.of("activeSkills", "activeEnumSkills")) {
            if (body.get(array) instanceof JsonArray items && JsonBodies.repeats(items)) {
                return Optional.of(array + " must not repeat an item"); // SkillProfileDTO: uniqueItems
            }
        }
        Optional<String> skills = activeSkills(orgUuid, body.get("activeSkills"));
        return skills.isPresent() ? skills : enumSkills(orgUuid, body.get("activeEnumSkills"));
    }

    private Optional<String> activeSkills(String orgUuid, JsonValue value) {
        if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY || value.asJsonArray().isEmpty()) {
            return Optional.of("activeSkills is required: at least one skill is mandatory");
        }
        Set<String> seen = new HashSet<>();
        for (JsonValue item : value.asJsonArray()) {
            if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                return Optional.of("activeSkills must contain objects");
            }
            JsonObject skill = item.asJsonObject();
            Optional<String> unknown = unknownField(skill, SKILL_FIELDS, "activeSkills.");
            if (unknown.isPresent()) {
                return unknown;
            }
            String skillId = stringOrNull(skill.get("skillId"));
            if (skillId == null) {
                return Optional.of("activeSkills.skillId is required");
            }
            if (catalog.skill(orgUuid, skillId).isEmpty()) {
                return Optional.of("Skill not found: " + skillId);
            }
            if (!seen.add(skillId)) {
                return Optional.of("Duplicate skill in activeSkills: " + skillId);
            }
            JsonValue proficiency = skill.get("proficiencyValue");
            if (proficiency != null && proficiency.getValueType() != JsonValue.ValueType.NULL) {
                if (!(proficiency instanceof JsonNumber n) || !n.isIntegral()
                        || n.intValue() < 0 || n.intValue() > 10) {
                    return Optional.of("proficiencyValue must be an integer between 0 and 10");
                }
            }
            JsonValue bool = skill.get("booleanValue");
            if (bool == null) {
                return Optional.of("activeSkills.booleanValue is required"); // ActiveSkillDTO requires it
            }
            if (bool != JsonValue.TRUE && bool != JsonValue.FALSE) {
                return Optional.of("booleanValue must be a boolean");
            }
            JsonValue text = skill.get("textValue");
            if (text instanceof JsonString t && t.getString().length() > 100) {
                return Optional.of("textValue must be at most 100 characters");
            }
        }
        return Optional.empty();
    }

    private Optional<String> enumSkills(String orgUuid, JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            return Optional.of("activeEnumSkills must be an array");
        }
        for (JsonValue item : value.asJsonArray()) {
            if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                return Optional.of("activeEnumSkills must contain objects");
            }
            JsonObject enumSkill = item.asJsonObject();
            Optional<String> unknown = unknownField(enumSkill, ENUM_FIELDS, "activeEnumSkills.");
            if (unknown.isPresent()) {
                return unknown;
            }
            String valueId = stringOrNull(enumSkill.get("enumSkillValueId"));
            if (valueId == null) {
                return Optional.of("activeEnumSkills.enumSkillValueId is required");
            }
            if (catalog.enumValue(orgUuid, valueId).isEmpty()) {
                return Optional.of("Enum skill value not found: " + valueId);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> unknownField(JsonObject object, Set<String> allowed, String prefix) {
        return object.keySet().stream().filter(k -> !allowed.contains(k)).findFirst()
                .map(k -> "Unrecognized field \"" + prefix + k + "\"");
    }

    static String stringOrNull(JsonValue value) {
        return value instanceof JsonString s ? s.getString() : null;
    }
}
