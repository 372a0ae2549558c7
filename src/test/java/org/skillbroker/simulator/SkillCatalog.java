package org.skillbroker.simulator;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The CC skills of each org (webex-api.md §3.6 SkillDTO). Read-only after seeding. */
final class SkillCatalog {

    record EnumValue(String id, String name) {
    }

    /** @param dynamic SkillDTO's {@code dynamicSkill} */
    record Skill(String id, String orgUuid, String name, String description, String skillType,
                 List<EnumValue> enumValues, long createdTime, boolean dynamic) {
        Skill {
            enumValues = List.copyOf(enumValues);
        }

        /** Cisco's SkillDTO spells the types Proficiency, Boolean, Text and enum. */
        private static String cisco(String type) {
            return switch (type) {
                case "PROFICIENCY" -> "Proficiency";
                case "BOOLEAN" -> "Boolean";
                case "TEXT" -> "Text";
                case "ENUM" -> "enum";
                default -> type;
            };
        }

        JsonObject toJson() {
            JsonObjectBuilder json = Json.createObjectBuilder()
                    .add("organizationId", orgUuid)
                    .add("id", id)
                    .add("version", 0)
                    .add("name", name)
                    .add("description", description)
                    .add("serviceLevelThreshold", 30)
                    .add("active", true)
                    .add("dynamicSkill", dynamic)
                    .add("skillType", cisco(skillType));
            JsonArrayBuilder values = Json.createArrayBuilder();
            for (EnumValue value : enumValues) {
                values.add(Json.createObjectBuilder().add("id", value.id()).add("name", value.name())
                        .add("description", value.name()).add("skillId", id));
            }
            return json.add("enumSkillValues", values)
                    .add("createdTime", createdTime)
                    .add("lastUpdatedTime", createdTime)
                    .build();
        }
    }

    record EnumChoice(Skill skill, EnumValue value) {
    }

    private final Map<String, Skill> skills = new LinkedHashMap<>();

    synchronized void remove(String id) {
        skills.remove(id);
    }

    synchronized Skill add(String orgUuid, String name, String skillType, List<String> enumValueNames,
                           long createdTime) {
        return add(orgUuid, name, skillType, enumValueNames, createdTime, false);
    }

    synchronized Skill add(String orgUuid, String name, String skillType, List<String> enumValueNames,
                           long createdTime, boolean dynamic) {
        if (new java.util.HashSet<>(enumValueNames).size() < enumValueNames.size()) {
            // SkillDTO.enumSkillValues is uniqueItems: one value twice would answer the same item twice
            throw new IllegalArgumentException("enum values repeat a name: " + enumValueNames);
        }
        String id = Ids.seedUuid("skill:" + orgUuid + ":" + name);
        List<EnumValue> values = new ArrayList<>();
        for (String valueName : enumValueNames) {
            values.add(new EnumValue(Ids.seedUuid("enum:" + id + ":" + valueName), valueName));
        }
        Skill skill = new Skill(id, orgUuid, name, name + " skill", skillType, values, createdTime, dynamic);
        skills.put(id, skill);
        return skill;
    }

    synchronized Optional<Skill> skill(String orgUuid, String id) {
        Skill skill = skills.get(id);
        return skill != null && skill.orgUuid().equals(orgUuid) ? Optional.of(skill) : Optional.empty();
    }

    synchronized List<Skill> all(String orgUuid) {
        return skills.values().stream().filter(s -> s.orgUuid().equals(orgUuid)).toList();
    }

    synchronized Optional<EnumChoice> enumValue(String orgUuid, String enumValueId) {
        for (Skill skill : all(orgUuid)) {
            for (EnumValue value : skill.enumValues()) {
                if (value.id().equals(enumValueId)) {
                    return Optional.of(new EnumChoice(skill, value));
                }
            }
        }
        return Optional.empty();
    }
}
