package org.skillbroker.skills.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.skillbroker.problem.ApiException;
import org.skillbroker.skills.entity.ProficiencyChange;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProficiencyMergeTest {

    private static final String GERMAN = "123e4567-e89b-12d3-a456-426614174000";
    private static final String SPANISH = "223e4567-e89b-12d3-a456-426614174000";
    private static final String VIP = "323e4567-e89b-12d3-a456-426614174000";

    /** As GET with includeSkillDetails would return it (detail fields included), plus a field CC may add later. */
    private static final JsonObject PROFILE = Json.createReader(new StringReader("""
            {"organizationId":"f53c8b54-46ca-43f6-ba05-08426a46e23d","id":"93912f11-6017-404b-bf14-5331890b1797",
             "version":4,"name":"German Speaker","description":"Required for German calls",
             "activeSkills":[
               {"id":"a1","version":2,"skillId":"%s","proficiencyValue":5,"booleanValue":false,"skillName":"German",
                "createdTime":1,"lastUpdatedTime":2},
               {"id":"a2","version":0,"skillId":"%s","proficiencyValue":3,"booleanValue":false},
               {"id":"a3","version":1,"skillId":"%s","booleanValue":true}],
             "activeEnumSkills":[{"id":"e1","enumSkillValueId":"v1","enumSkillName":"Language","enumSkillValue":"English",
                "enumSkillId":"s9"}],
             "createdTime":123,"lastUpdatedTime":456,"futureField":{"kept":true}}
            """.formatted(GERMAN, SPANISH, VIP))).readObject();

    @Test
    void changesOnlyTheRequestedValueAndKeepsEverythingElse() {
        JsonObject body = ProficiencyMerge.apply(PROFILE, List.of(new ProficiencyChange(GERMAN, 8)));

        for (String field : List.of("organizationId", "id", "version", "name", "description", "createdTime",
                "lastUpdatedTime", "futureField")) {
            assertEquals(PROFILE.get(field), body.get(field), field);
        }
        List<JsonObject> skills = body.getJsonArray("activeSkills").getValuesAs(JsonObject.class);
        assertEquals(3, skills.size());
        assertEquals(8, skills.get(0).getInt("proficiencyValue"));
        assertEquals("a1", skills.get(0).getString("id"));
        assertEquals(2, skills.get(0).getInt("version"));
        assertEquals(PROFILE.getJsonArray("activeSkills").get(1), skills.get(1));
        assertEquals(PROFILE.getJsonArray("activeSkills").get(2), skills.get(2));
    }

    @Test
    void readOnlyDetailFieldsAreNeverWrittenBack() {
        JsonObject body = ProficiencyMerge.apply(PROFILE, List.of(new ProficiencyChange(GERMAN, 8)));

        assertFalse(body.getJsonArray("activeSkills").getJsonObject(0).containsKey("skillName"));
        JsonObject enumSkill = body.getJsonArray("activeEnumSkills").getJsonObject(0);
        assertEquals(Json.createObjectBuilder().add("id", "e1").add("enumSkillValueId", "v1").build(), enumSkill);
    }

    @Test
    void severalChangesApplyTogetherAndIdsMatchWhateverTheirCase() {
        JsonObject body = ProficiencyMerge.apply(PROFILE, List.of(new ProficiencyChange(GERMAN.toUpperCase(), 0),
                new ProficiencyChange(SPANISH, 10)));

        Map<String, Integer> values = ProficiencyMerge.proficiencies(body);
        assertEquals(0, values.get(GERMAN));
        assertEquals(10, values.get(SPANISH));
        assertNull(values.get(VIP));
    }

    /**
     * SkillProfileDTO's arrays are uniqueItems: a profile that lists a skill twice without entry ids would be written
     * back with two equal entries (Contact Center refuses that body), so the merge refuses it before any PUT.
     */
    @Test
    void aBodyThatWouldRepeatAnEntryIsRefusedBeforeTheWrite() {
        JsonObject twice = Json.createReader(new StringReader("""
                {"id":"p","version":1,"name":"Twice","activeSkills":[
                  {"skillId":"%1$s","proficiencyValue":3,"booleanValue":false},
                  {"booleanValue":false,"skillId":"%1$s","proficiencyValue":5.0}]}
                """.formatted(GERMAN))).readObject();
        ApiException refused = assertThrows(ApiException.class,
                () -> ProficiencyMerge.apply(twice, List.of(new ProficiencyChange(GERMAN, 5))));
        assertEquals(409, refused.problem().status());
        assertEquals("urn:skill-broker:problem:repeated-entry", refused.problem().type());
        assertEquals("activeSkills", refused.problem().extensions().get("field"));

        JsonObject enumTwice = Json.createReader(new StringReader("""
                {"id":"p","version":1,"name":"Twice","activeSkills":[{"skillId":"%s","booleanValue":false}],
                 "activeEnumSkills":[{"enumSkillValueId":"v1","enumSkillName":"Language"},{"enumSkillValueId":"v1"}]}
                """.formatted(GERMAN))).readObject();
        assertThrows(ApiException.class,
                () -> ProficiencyMerge.apply(enumTwice, List.of(new ProficiencyChange(GERMAN, 5))));
        // entries that stay apart (the ids Contact Center gives them) are written as they are
        assertEquals(2, ProficiencyMerge.apply(PROFILE, List.of(new ProficiencyChange(GERMAN, 3)))
                .getJsonArray("activeSkills").stream().filter(v -> v.asJsonObject().getInt("proficiencyValue", -1) == 3)
                .count());
    }

    @Test
    void theOriginalIsLeftUntouched() {
        String before = PROFILE.toString();
        ProficiencyMerge.apply(PROFILE, List.of(new ProficiencyChange(GERMAN, 1)));
        assertEquals(before, PROFILE.toString());
    }
}
