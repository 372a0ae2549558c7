package org.skillbroker.contract;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skillbroker.simulator.WebexSimulator;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract check can fail: deliberately broken requests and answers are caught, naming operation and field. */
class CiscoContractTest {

    private final CiscoContract contract = CiscoContract.load();
    private WebexSimulator sim;

    @BeforeEach
    void start() {
        sim = WebexSimulator.start();
        sim.checkContract(contract);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aPutWithoutBooleanValueIsRefusedAsCiscoWouldAndReported() throws Exception {
        String id = sim.seededProfiles().billingExperts();
        JsonObject stored = sim.skillProfile(id).orElseThrow();
        JsonArrayBuilder skills = Json.createArrayBuilder();
        stored.getJsonArray("activeSkills").getValuesAs(JsonObject.class)
                .forEach(s -> skills.add(Json.createObjectBuilder(s).remove("booleanValue")));
        JsonObject broken = Json.createObjectBuilder(stored).add("activeSkills", skills).build();

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        sim.baseUri().resolve("/organization/" + sim.orgId() + "/skill-profile/" + id))
                .header("Authorization", "Bearer " + sim.issueIntegrationToken("C-contract", sim.admin()))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(broken.toString())).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(400, answer.statusCode());
        JsonObject error = Json.createReader(new StringReader(answer.body())).readObject().getJsonObject("error");
        assertEquals("400", error.getString("key"));
        List<String> violations = sim.drainContractViolations();
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("updateSkillProfile request body")
                && v.contains("activeSkills/0") && v.contains("booleanValue")), violations.toString());
        assertEquals(stored, sim.skillProfile(id).orElseThrow(), "nothing stored");
        assertEquals(List.of(), sim.drainContractViolations(), "drained");
    }

    @Test
    void anUndocumentedFieldInARequestIsNamed() {
        JsonObject body = Json.createObjectBuilder().add("name", "X").add("activeSkills", JsonValue.EMPTY_JSON_ARRAY)
                .add("skillName", "German").build();
        List<String> violations = contract.request("PUT", "/organization/o/skill-profile/p", Map.of(), body.toString());
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("updateSkillProfile request body")
                && v.contains("skillName")), violations.toString());
    }

    @Test
    void anUndocumentedOperationOrQueryParameterIsNamed() {
        assertTrue(contract.request("GET", "/organization/o/skill-profile/p/incoming-references", Map.of(), "")
                .get(0).contains("not an operation of the contract"));
        List<String> violations = contract.request("GET", "/organization/o/v2/team",
                Map.of("supervisorView", "yes", "type", "TEAM"), "");
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("listTeams query") && v.contains("supervisorView")),
                violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("type")), violations.toString());
    }

    /** Cisco says uniqueItems for these arrays (the contract copy keeps it): a repeated item is named, in and out. */
    @Test
    void aRepeatedItemWhereCiscoSaysUniqueItemsIsNamed() {
        String skill = "{\"skillId\":\"s\",\"booleanValue\":false,\"proficiencyValue\":3}";
        List<String> put = contract.request("PUT", "/organization/o/skill-profile/p", Map.of(),
                "{\"id\":\"p\",\"name\":\"X\",\"activeSkills\":[" + skill + "," + skill + "]}");
        assertTrue(put.stream().anyMatch(v -> v.startsWith("updateSkillProfile request body")
                && v.contains("activeSkills") && v.contains("unique")), put.toString());
        String enumSkill = "{\"enumSkillValueId\":\"v\"}";
        List<String> enums = contract.request("PUT", "/organization/o/skill-profile/p", Map.of(),
                "{\"id\":\"p\",\"name\":\"X\",\"activeSkills\":[" + skill + "],\"activeEnumSkills\":["
                        + enumSkill + "," + enumSkill + "]}");
        assertTrue(enums.stream().anyMatch(v -> v.contains("activeEnumSkills") && v.contains("unique")),
                enums.toString());
        List<String> reskill = contract.request("PATCH", "/organization/o/user/u/reskill", Map.of(),
                "{\"dynamicSkills\":{\"add\":[{\"skillId\":\"s\",\"enumSkillValues\":[\"v\",\"v\"]}]}}");
        assertTrue(reskill.stream().anyMatch(v -> v.startsWith("reSkillAgent request body")
                && v.contains("enumSkillValues") && v.contains("unique")), reskill.toString());
        List<String> teams = contract.response("GET", "/organization/o/v2/team", 200,
                "{\"data\":[{\"id\":\"t\",\"userIds\":[\"u\",\"u\"]}],\"meta\":{}}");
        assertTrue(teams.stream().anyMatch(v -> v.startsWith("listTeams 200 answer") && v.contains("userIds")
                && v.contains("unique")), teams.toString());
        assertEquals(List.of(), contract.request("PUT", "/organization/o/skill-profile/p", Map.of(),
                "{\"id\":\"p\",\"name\":\"X\",\"activeSkills\":[" + skill + "],\"activeEnumSkills\":["
                        + enumSkill + "]}"), "the same items once are fine");
    }

    @Test
    void answersWithUndocumentedFieldsWrongTypesOrMissingRequiredFieldsAreNamed() {
        String numericKey = "{\"trackingId\":\"t\",\"error\":{\"key\":404,\"message\":[{\"description\":\"x\"}]}}";
        assertTrue(contract.response("GET", "/organization/o/skill-profile/p", 404, numericKey).stream()
                .anyMatch(v -> v.startsWith("getSkillProfile 404 answer") && v.contains("key")));
        String withType = "{\"data\":[{\"id\":\"t\",\"skillProfileId\":\"p\",\"type\":\"TEAM\"}],\"meta\":{}}";
        assertTrue(contract.response("GET", "/organization/o/v2/team", 200, withType).stream()
                .anyMatch(v -> v.startsWith("listTeams 200 answer") && v.contains("type")));
        String profileWithoutActive = "{\"id\":\"u\",\"ciUserId\":\"c\",\"active\":true,\"contactCenterEnabled\":true,"
                + "\"email\":\"e\",\"firstName\":\"f\",\"lastName\":\"l\",\"userProfileId\":\"up\","
                + "\"userProfileData\":{\"name\":\"n\",\"profileType\":\"SUPERVISOR\",\"accessAllTeams\":\"ALL\","
                + "\"accessAllSites\":\"ALL\",\"accessAllQueues\":\"ALL\",\"accessAllModules\":\"ALL\","
                + "\"accessAllEntryPoints\":\"EVERY\"}}";
        List<String> violations = contract.response("GET", "/organization/o/user/by-ci-user-id/c", 200,
                profileWithoutActive);
        assertTrue(violations.stream().anyMatch(v -> v.contains("active")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("accessAllEntryPoints")), violations.toString());
    }

    /**
     * Cisco's formats are asserted, not only annotated: a 32-digit org id (it passes Cisco's pattern, which makes
     * the dashes optional) is not a {@code uuid}, a version past 2^31-1 not an {@code int32}, a time past 2^63-1
     * not an {@code int64}; in an answer and in a request.
     */
    @Test
    void aValueOutsideCiscosFormatIsNamed() {
        String org = "f53c8b54-46ca-43f6-ba05-08426a46e23d";
        String valid = profile(org, "2147483647", "9223372036854775807");
        assertEquals(List.of(), contract.response("GET", "/organization/o/skill-profile/p", 200, valid),
                "the documented form passes");
        assertEquals(List.of(), contract.request("PUT", "/organization/o/skill-profile/p", Map.of(), valid));

        List<String> dashless = contract.response("GET", "/organization/o/skill-profile/p", 200,
                profile(org.replace("-", ""), "1", "1"));
        assertTrue(dashless.stream().anyMatch(v -> v.startsWith("getSkillProfile 200 answer")
                && v.contains("/organizationId") && v.contains("uuid")), dashless.toString());
        List<String> version = contract.response("GET", "/organization/o/skill-profile/p", 200,
                profile(org, "2147483648", "1"));
        assertTrue(version.stream().anyMatch(v -> v.contains("/version") && v.contains("int32")), version.toString());
        List<String> time = contract.response("GET", "/organization/o/skill-profile/p", 200,
                profile(org, "1", "9223372036854775808"));
        assertTrue(time.stream().anyMatch(v -> v.contains("/createdTime") && v.contains("int64")), time.toString());
        List<String> put = contract.request("PUT", "/organization/o/skill-profile/p", Map.of(),
                profile(org.replace("-", ""), "-2147483649", "1"));
        assertTrue(put.stream().anyMatch(v -> v.startsWith("updateSkillProfile request body")
                && v.contains("/organizationId") && v.contains("uuid")), put.toString());
        assertTrue(put.stream().anyMatch(v -> v.contains("/version") && v.contains("int32")), put.toString());
        List<String> team = contract.response("GET", "/organization/o/v2/team", 200,
                "{\"data\":[{\"id\":\"t\",\"organizationId\":\"" + org.replace("-", "") + "\"}],\"meta\":{}}");
        assertTrue(team.stream().anyMatch(v -> v.startsWith("listTeams 200 answer")
                && v.contains("/data/0/organizationId") && v.contains("uuid")), team.toString());
    }

    private static String profile(String org, String version, String createdTime) {
        return "{\"organizationId\":\"" + org + "\",\"id\":\"p\",\"version\":" + version + ",\"name\":\"X\","
                + "\"activeSkills\":[],\"createdTime\":" + createdTime + "}";
    }

    @Test
    void everySimulatorAnswerToTheBrokersOperationsIsAsDocumented() throws Exception {
        String token = sim.issueIntegrationToken("C-contract", sim.admin());
        String org = "/organization/" + sim.orgId();
        String desktop = sim.issueDesktopToken(sim.supervisor());
        for (String path : List.of(
                org + "/skill-profile/" + sim.seededProfiles().germanSpeaker() + "?includeSkillDetails=true",
                org + "/skill-profile/" + sim.seededProfiles().germanSpeaker(),
                org + "/v2/skill-profile?page=0&pageSize=50",
                org + "/v2/skill?page=0&pageSize=100",
                org + "/skill/" + sim.seededSkills().get("Language"),
                org + "/user/by-ci-user-id/" + sim.supervisor().personUuid() + "?includeUserProfile=true",
                org + "/v2/team?attributes=id,skillProfileId&page=0&pageSize=1000&filter=skillProfileId%3D%3D%22x%22",
                org + "/v2/user?attributes=id,skillProfileId,teamIds&filter=skillProfileId%3D%3D%22"
                        + sim.seededProfiles().spanishDesk() + "%22",
                org + "/skill-profile/no-such-profile")) {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.baseUri() + path))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        }
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.baseUri() + org
                        + "/v2/team?supervisorView=true&attributes=id"))
                .header("Authorization", "Bearer " + desktop).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(List.of(), sim.drainContractViolations());
    }
}
