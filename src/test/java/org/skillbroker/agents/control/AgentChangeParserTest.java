package org.skillbroker.agents.control;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.skillbroker.agents.entity.Agent;
import org.skillbroker.problem.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentChangeParserTest {

    private static final String SKILL = "0b6b3c7e-8a7a-4b5e-9f3a-1c2d3e4f5a6b";
    private static final String PROFILE = "1b6b3c7e-8a7a-4b5e-9f3a-1c2d3e4f5a6b";

    private static AgentChangeParser.Change single(String json) {
        return AgentChangeParser.single(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String kind(Runnable parse) {
        ApiException e = assertThrows(ApiException.class, parse::run);
        return e.problem().type().substring(e.problem().type().lastIndexOf(':') + 1);
    }

    @Test
    void readsAProfileAndSkillsOfEachValueKindAndNullForNone() {
        AgentChangeParser.Change change = single("{\"skillProfileId\":\"" + PROFILE.toUpperCase() + "\","
                + "\"dynamicSkills\":[{\"skillId\":\"" + SKILL + "\",\"value\":7}],\"until\":\"2026-11-30T18:00:00Z\"}");
        assertEquals(Json.createValue(PROFILE), change.targets().get(Agent.PROFILE_FIELD), "normalised");
        assertEquals(Json.createValue(7), change.targets().get(Agent.DYNAMIC_PREFIX + SKILL));
        assertEquals("2026-11-30T18:00:00Z", change.until().orElseThrow().toString());
        Map<String, JsonValue> cleared = single("{\"skillProfileId\":null,\"dynamicSkills\":[{\"skillId\":\"" + SKILL
                + "\",\"value\":null}]}").targets();
        assertEquals(JsonValue.NULL, cleared.get(Agent.PROFILE_FIELD));
        assertEquals(JsonValue.NULL, cleared.get(Agent.DYNAMIC_PREFIX + SKILL));
        assertEquals(JsonValue.TRUE, single("{\"dynamicSkills\":[{\"skillId\":\"" + SKILL + "\",\"value\":true}]}")
                .targets().get(Agent.DYNAMIC_PREFIX + SKILL));
    }

    @Test
    void refusesWhatItDoesNotKnowOrCannotHold() {
        assertEquals("unknown-field", kind(() -> single("{\"teamIds\":[]}")));
        assertEquals("invalid-body", kind(() -> single("{}")));
        assertEquals("invalid-body", kind(() -> single("{\"skillProfileId\":\"x\"}")));
        assertEquals("invalid-value", kind(() -> single("{\"dynamicSkills\":[{\"skillId\":\"" + SKILL + "\",\"value\":11}]}")));
        assertEquals("invalid-value", kind(() -> single("{\"dynamicSkills\":[{\"skillId\":\"" + SKILL + "\",\"value\":2.5}]}")));
        assertEquals("invalid-value", kind(() -> single("{\"dynamicSkills\":[{\"skillId\":\"" + SKILL + "\",\"value\":\""
                + "x".repeat(101) + "\"}]}")));
        assertEquals("invalid-value", kind(() -> single("{\"dynamicSkills\":[{\"skillId\":\"" + SKILL + "\",\"value\":{}}]}")));
        assertEquals("invalid-body", kind(() -> single("{\"dynamicSkills\":[{\"skillId\":\"" + SKILL + "\"}]}")));
        assertEquals("duplicate-skill", kind(() -> single("{\"dynamicSkills\":[{\"skillId\":\"" + SKILL + "\",\"value\":1},"
                + "{\"skillId\":\"" + SKILL.toUpperCase() + "\",\"value\":2}]}")));
        assertEquals("invalid-until", kind(() -> single("{\"skillProfileId\":null,\"until\":\"tomorrow\"}")));
        assertEquals("malformed-json", kind(() -> single("{")));
    }

    @Test
    void aBulkRequestNamesAtMost50DistinctAgents() {
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            ids.append(i == 0 ? "" : ",").append('"').append(UUID.randomUUID()).append('"');
        }
        assertEquals("too-many-agents", kind(() -> AgentChangeParser.bulk(("{\"agentIds\":[" + ids
                + "],\"change\":{\"skillProfileId\":null}}").getBytes(StandardCharsets.UTF_8))));
        String id = UUID.randomUUID().toString();
        assertEquals("invalid-body", kind(() -> AgentChangeParser.bulk(("{\"agentIds\":[\"" + id + "\",\"" + id
                + "\"],\"change\":{\"skillProfileId\":null}}").getBytes(StandardCharsets.UTF_8))));
        AgentChangeParser.Bulk bulk = AgentChangeParser.bulk(("{\"agentIds\":[\"" + id + "\"],\"change\":"
                + "{\"skillProfileId\":null}}").getBytes(StandardCharsets.UTF_8));
        assertEquals(java.util.List.of(id), bulk.agentIds());
        assertTrue(bulk.change().until().isEmpty());
    }

    @Test
    void theReskillBodySendsOnlyWhatDiffersAndClearsTheOwnProfileWithAnEmptyString() {
        Map<String, JsonValue> differing = new java.util.LinkedHashMap<>();
        differing.put(Agent.PROFILE_FIELD, JsonValue.NULL);
        differing.put(Agent.DYNAMIC_PREFIX + SKILL, Json.createValue(4));
        differing.put(Agent.DYNAMIC_PREFIX + PROFILE, JsonValue.NULL);
        String body = AgentEditor.request(differing, Map.of(SKILL, new org.skillbroker.webex.SkillsClient.Skill(SKILL,
                "German", "PROFICIENCY", true)), org.skillbroker.config.Settings.EnumValueForm.ID).toString();
        assertEquals("{\"skillProfileId\":\"\",\"dynamicSkills\":{\"add\":[{\"skillId\":\"" + SKILL
                + "\",\"proficiencyValue\":4}],\"remove\":[\"" + PROFILE + "\"]}}", body);
    }

    private static final org.skillbroker.webex.SkillsClient.Skill TIER = new org.skillbroker.webex.SkillsClient.Skill(
            SKILL, "Tier", "ENUM", true, java.util.List.of(new org.skillbroker.webex.SkillsClient.EnumValue("v-gold", "Gold"),
            new org.skillbroker.webex.SkillsClient.EnumValue("v-silver", "Silver")));

    @Test
    void anEnumValueIsSentByIdOrByNameAsConfigured() {
        Map<String, JsonValue> differing = Map.of(Agent.DYNAMIC_PREFIX + SKILL, Json.createValue("Silver"));
        assertEquals("{\"dynamicSkills\":{\"add\":[{\"skillId\":\"" + SKILL + "\",\"enumSkillValues\":[\"v-silver\"]}]}}",
                AgentEditor.request(differing, Map.of(SKILL, TIER), org.skillbroker.config.Settings.EnumValueForm.ID)
                        .toString());
        assertEquals("{\"dynamicSkills\":{\"add\":[{\"skillId\":\"" + SKILL + "\",\"enumSkillValues\":[\"Silver\"]}]}}",
                AgentEditor.request(differing, Map.of(SKILL, TIER), org.skillbroker.config.Settings.EnumValueForm.NAME)
                        .toString());
    }

    /** Cisco does not say whether a held enum value is shown by id or by name: both read, nothing else does. */
    @Test
    void aHeldEnumValueIsReadByIdOrNameAndAnythingElseIsUnreadable() {
        java.util.function.Function<String, JsonValue> held = shown -> Agent.from(Json.createObjectBuilder()
                .add("id", "a").add("dynamicSkills", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("skillId", SKILL).add("enumSkillValues", shown))).build())
                .values(java.util.List.of(Agent.DYNAMIC_PREFIX + SKILL), Map.of(SKILL, TIER))
                .get(Agent.DYNAMIC_PREFIX + SKILL);
        assertEquals(Json.createValue("Gold"), held.apply("v-gold"));
        assertEquals(Json.createValue("Gold"), held.apply("V-GOLD"));
        assertEquals(Json.createValue("Silver"), held.apply("Silver"));
        assertEquals(JsonValue.NULL, held.apply(""));
        assertEquals(Agent.UNREADABLE, held.apply("silver"), "names are matched exactly");
        assertEquals(Agent.UNREADABLE, held.apply("v-gold,v-silver"));
        assertEquals(Agent.UNREADABLE, held.apply("Platinum"));
        org.skillbroker.webex.SkillsClient.Skill confusing = new org.skillbroker.webex.SkillsClient.Skill(SKILL, "Tier",
                "ENUM", true, java.util.List.of(new org.skillbroker.webex.SkillsClient.EnumValue("a", "b"),
                new org.skillbroker.webex.SkillsClient.EnumValue("b", "c")));
        assertTrue(confusing.valueShown("b").isEmpty(), "one value's id and another's name: no value");
    }

    @Test
    void anAgentWithoutActiveIsInactiveAndWithoutTeamsIsInNone() {
        Agent agent = Agent.from(Json.createObjectBuilder().add("id", "A").add("firstName", "Ann")
                .add("lastName", "Lee").add("teamIds", Json.createArrayBuilder().add("T1").add(3)).build());
        assertEquals(false, agent.active());
        assertEquals(java.util.List.of("t1"), agent.teamIds());
        assertEquals("", agent.ownProfileId());
        assertTrue(AgentRoster.within(java.util.Set.of("t1"), agent));
        assertTrue(!AgentRoster.within(java.util.Set.of("t1"), Agent.from(Json.createObjectBuilder().add("id", "b")
                .build())), "an agent in no team is nobody's");
        assertTrue(!AgentRoster.within(java.util.Set.of("t1"), Agent.from(Json.createObjectBuilder().add("id", "c")
                .add("teamIds", Json.createArrayBuilder().add("t1").add("t2")).build())), "all teams must be mine");
    }
}
