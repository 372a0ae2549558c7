package org.skillbroker.agents.entity;

import jakarta.json.JsonValue;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a supervisor asks to set on one or more agents: field key → the value wanted ({@link JsonValue#NULL} for
 * none: no own skill profile, dynamic skill taken away). Keys are {@link Agent#PROFILE_FIELD} and
 * {@code dynamicSkill:<skill id>}; values are already checked against the skill's type.
 */
public record AgentChange(Map<String, JsonValue> targets) {
    public AgentChange {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a change sets at least one field");
        }
        targets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    }
}
