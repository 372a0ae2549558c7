package org.skillbroker.agents.control;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.skillbroker.Jsonp;
import org.skillbroker.agents.entity.Agent;
import org.skillbroker.problem.ApiException;
import org.skillbroker.skills.control.Ids;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an agent change strictly:
 * {@code {"skillProfileId": "<uuid>" | null, "dynamicSkills": [{"skillId": "<uuid>", "value": 7 | true | "text" | null}]}}
 * ({@code null}: take the own profile or the dynamic skill away; an absent member: leave it). A bulk change is
 * {@code {"agentIds": [...], "change": {...}}}. Every other member is refused by name; which values fit which skill
 * is checked against the skill's type later ({@link AgentEditor}).
 */
public final class AgentChangeParser {

    /** Most dynamic skills one change may touch; the widget sends one. */
    public static final int MAX_SKILLS = 20;
    /** Most agents one bulk request may name. */
    public static final int MAX_AGENTS = 50;
    /** AssignedDynamicSkillsDTO.textValue's documented maximum. */
    public static final int MAX_TEXT = 100;

    /** A parsed change: the fields to set, and when to set them back ({@code until}), if ever. */
    public record Change(Map<String, JsonValue> targets, java.util.Optional<java.time.Instant> until) {
    }

    /** A parsed bulk request. */
    public record Bulk(List<String> agentIds, Change change) {
    }

    private AgentChangeParser() {
    }

    public static Change single(byte[] body) {
        return change(object(read(body), "$"), "");
    }

    public static Bulk bulk(byte[] body) {
        JsonObject object = object(read(body), "$");
        for (String name : object.keySet()) {
            if (!Set.of("agentIds", "change").contains(name)) {
                throw unknownField(name);
            }
        }
        if (!(object.get("agentIds") instanceof JsonArray ids) || ids.isEmpty()) {
            throw invalid("agentIds", "agentIds must be a non-empty array of agent ids.");
        }
        if (ids.size() > MAX_AGENTS) {
            throw ApiException.of("too-many-agents", "Too many agents", 400,
                    "At most " + MAX_AGENTS + " agents can be changed in one request.").with("field", "agentIds");
        }
        List<String> agentIds = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!(ids.get(i) instanceof JsonString id) || !Ids.isUuid(id.getString())) {
                throw invalid("agentIds[" + i + "]", "agentIds[" + i + "] must be an agent's UUID.");
            }
            String normalized = Ids.normalize(id.getString());
            if (agentIds.contains(normalized)) {
                throw invalid("agentIds[" + i + "]", "Agent " + normalized + " appears more than once.");
            }
            agentIds.add(normalized);
        }
        return new Bulk(agentIds, change(object(object.get("change"), "change"), "change."));
    }

    private static Change change(JsonObject object, String prefix) {
        Map<String, JsonValue> targets = new LinkedHashMap<>();
        for (String name : object.keySet()) {
            if (!Set.of("skillProfileId", "dynamicSkills", "until").contains(name)) {
                throw unknownField(prefix + name);
            }
        }
        if (object.containsKey("skillProfileId")) {
            JsonValue profile = object.get("skillProfileId");
            if (profile == JsonValue.NULL) {
                targets.put(Agent.PROFILE_FIELD, JsonValue.NULL);
            } else if (profile instanceof JsonString id && Ids.isUuid(id.getString())) {
                targets.put(Agent.PROFILE_FIELD, Json.createValue(Ids.normalize(id.getString())));
            } else {
                throw invalid(prefix + "skillProfileId", "skillProfileId must be a skill profile's UUID, or null "
                        + "to let the agent's team's profile apply.");
            }
        }
        if (object.containsKey("dynamicSkills")) {
            if (!(object.get("dynamicSkills") instanceof JsonArray skills) || skills.isEmpty()) {
                throw invalid(prefix + "dynamicSkills", "dynamicSkills must be a non-empty array of {skillId, value}.");
            }
            if (skills.size() > MAX_SKILLS) {
                throw ApiException.of("too-many-changes", "Too many changes", 400, "At most " + MAX_SKILLS
                        + " dynamic skills can be changed at once.").with("field", prefix + "dynamicSkills");
            }
            for (int i = 0; i < skills.size(); i++) {
                String at = prefix + "dynamicSkills[" + i + "]";
                if (!(skills.get(i) instanceof JsonObject skill)) {
                    throw invalid(at, at + " must be an object {skillId, value}.");
                }
                for (String name : skill.keySet()) {
                    if (!"skillId".equals(name) && !"value".equals(name)) {
                        throw unknownField(at + "." + name);
                    }
                }
                if (!(skill.get("skillId") instanceof JsonString id) || !Ids.isUuid(id.getString())) {
                    throw invalid(at + ".skillId", at + ".skillId must be a skill's UUID.");
                }
                if (!skill.containsKey("value")) {
                    throw invalid(at + ".value", at + ".value is missing: a value, or null to take the skill away.");
                }
                String field = Agent.DYNAMIC_PREFIX + Ids.normalize(id.getString());
                if (targets.containsKey(field)) {
                    throw ApiException.of("duplicate-skill", "Duplicate skill", 400, "Skill " + id.getString()
                            + " appears more than once.").with("field", at + ".skillId");
                }
                targets.put(field, value(skill.get("value"), at + ".value"));
            }
        }
        if (targets.isEmpty()) {
            throw invalid(prefix.isEmpty() ? "$" : prefix, "Name skillProfileId or dynamicSkills to change.");
        }
        return new Change(targets, org.skillbroker.skills.control.ChangeRequestParser.until(object.get("until")));
    }

    /** A JSON integer, boolean, string or null; the skill's type decides later which one it must be. */
    private static JsonValue value(JsonValue value, String field) {
        if (value == JsonValue.NULL || value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value;
        }
        if (value instanceof JsonString text) {
            if (text.getString().length() > MAX_TEXT || text.getString().chars().anyMatch(Character::isISOControl)) {
                throw invalidValue(field, field + " must be at most " + MAX_TEXT + " printable characters.");
            }
            return value;
        }
        if (value instanceof JsonNumber number) {
            BigDecimal decimal;
            try {
                decimal = number.bigDecimalValue();
            } catch (NumberFormatException | UnsupportedOperationException e) {
                throw invalidValue(field, field + " must be a whole number from 0 to 10.");
            }
            if (decimal.scale() != 0 || decimal.compareTo(BigDecimal.ZERO) < 0 || decimal.compareTo(BigDecimal.TEN) > 0) {
                throw invalidValue(field, field + " must be a whole number from 0 to 10.");
            }
            return Json.createValue(decimal.intValueExact());
        }
        throw invalidValue(field, field + " must be a number, true or false, a text, or null.");
    }

    private static JsonValue read(byte[] body) {
        try (JsonReader reader = Jsonp.createReader(new ByteArrayInputStream(body))) {
            return reader.readValue();
        } catch (RuntimeException e) { // JsonException and Parsson's limits alike: the caller's bad JSON
            throw ApiException.of("malformed-json", "Malformed JSON", 400,
                    "The request body is not valid JSON, or nests or numbers beyond what the broker reads.");
        }
    }

    private static JsonObject object(JsonValue value, String field) {
        if (!(value instanceof JsonObject object)) {
            throw invalid(field, field + " must be a JSON object.");
        }
        return object;
    }

    static ApiException invalidValue(String field, String detail) {
        return ApiException.of("invalid-value", "Invalid value", 400, detail).with("field", field);
    }

    private static ApiException invalid(String field, String detail) {
        return ApiException.of("invalid-body", "Invalid request body", 400, detail).with("field", field);
    }

    private static ApiException unknownField(String field) {
        return ApiException.of("unknown-field", "Field not allowed", 400, "Field \"" + field
                + "\" cannot be changed here: only skillProfileId and dynamicSkills can (and until says when to set them "
                + "back).").with("field", field);
    }
}
