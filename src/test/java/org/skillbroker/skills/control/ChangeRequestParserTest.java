package org.skillbroker.skills.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.skillbroker.problem.ApiException;
import org.skillbroker.skills.entity.ProficiencyChange;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChangeRequestParserTest {

    private static final String SKILL = "123e4567-e89b-12d3-a456-426614174000";
    private static final String OTHER = "223e4567-e89b-12d3-a456-426614174000";

    private static List<ProficiencyChange> parse(String json) {
        return ChangeRequestParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ApiException refused(String json) {
        return assertThrows(ApiException.class, () -> parse(json));
    }

    private static String kind(ApiException e) {
        return e.problem().type().substring("urn:skill-broker:problem:".length());
    }

    @Test
    void aValidBodyGivesTheChangesInOrder() {
        List<ProficiencyChange> changes = parse("{\"activeSkills\":[{\"skillId\":\"" + SKILL.toUpperCase()
                + "\",\"proficiencyValue\":7},{\"proficiencyValue\":0,\"skillId\":\"" + OTHER + "\"}]}");

        assertEquals(List.of(new ProficiencyChange(SKILL, 7), new ProficiencyChange(OTHER, 0)), changes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"11", "-1", "7.5", "7.0", "\"7\"", "1e400", "1E1", "123456789012345678901234567890", "null",
            "true", "[7]", "{}"})
    void onlyWholeNumbersFromZeroToTenAreValues(String value) {
        ApiException e = refused("{\"activeSkills\":[{\"skillId\":\"" + SKILL + "\",\"proficiencyValue\":" + value + "}]}");

        assertEquals("invalid-value", kind(e));
        assertEquals("activeSkills[0].proficiencyValue", e.problem().extensions().get("field"));
    }

    @Test
    void aMissingValueIsRefused() {
        assertEquals("invalid-value", kind(refused("{\"activeSkills\":[{\"skillId\":\"" + SKILL + "\"}]}")));
    }

    @Test
    void otherFieldsAreRefusedByName() {
        ApiException top = refused("{\"activeSkills\":[{\"skillId\":\"" + SKILL + "\",\"proficiencyValue\":1}],\"name\":\"x\"}");
        ApiException nested = refused("{\"activeSkills\":[{\"skillId\":\"" + SKILL + "\",\"proficiencyValue\":1,\"textValue\":\"x\"}]}");

        assertEquals("unknown-field", kind(top));
        assertEquals("name", top.problem().extensions().get("field"));
        assertEquals("activeSkills[0].textValue", nested.problem().extensions().get("field"));
    }

    @Test
    void duplicateSkillsAreRefusedWhateverTheirCase() {
        ApiException e = refused("{\"activeSkills\":[{\"skillId\":\"" + SKILL + "\",\"proficiencyValue\":1},"
                + "{\"skillId\":\"" + SKILL.toUpperCase() + "\",\"proficiencyValue\":2}]}");

        assertEquals("duplicate-skill", kind(e));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "", "{\"activeSkills\":[}", "nul"})
    void brokenJsonIsMalformed(String body) {
        assertEquals("malformed-json", kind(refused(body)));
    }

    @Test
    void jsonBeyondTheParsersLimitsIsMalformedNotAServerError() {
        // Parsson throws plain runtime exceptions for these, not JsonException (found by HostileInputIT)
        assertEquals("malformed-json", kind(refused("[".repeat(10_000))));
        assertEquals("malformed-json", kind(refused("{\"\":".repeat(4_000))));
        assertEquals("malformed-json", kind(refused("{\"activeSkills\":[{\"skillId\":\"" + SKILL
                + "\",\"proficiencyValue\":" + "1".repeat(12_000) + "}]}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e2147483648", "1e-2147483649"})
    void anExponentBeyondAnIntIsRefusedNotAServerError(String value) {
        ApiException e = refused("{\"activeSkills\":[{\"skillId\":\"" + SKILL + "\",\"proficiencyValue\":" + value + "}]}");
        assertEquals(400, e.problem().status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"text\"", "{}", "{\"activeSkills\":[]}", "{\"activeSkills\":{}}", "{\"activeSkills\":[1]}",
            "{\"activeSkills\":[{\"skillId\":\"../../x\",\"proficiencyValue\":1}]}",
            "{\"activeSkills\":[{\"skillId\":7,\"proficiencyValue\":1}]}"})
    void wrongShapesAreInvalid(String body) {
        ApiException e = refused(body);
        assertEquals(400, e.problem().status());
        assertEquals("invalid-body", kind(e));
    }
}
