package org.skillbroker.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.skillbroker.simulator.Fault;
import org.skillbroker.simulator.Received;
import org.skillbroker.simulator.WebexSimulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.params.provider.EnumSource;
import org.skillbroker.simulator.SimSwitches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.skillbroker.it.ApiClient.change;
import static org.skillbroker.it.ApiClient.json;
import static org.skillbroker.it.ApiClient.type;

/** The supervisor API end to end: embedded Tomcat, the WAR as built, the Webex simulator behind it. */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class SkillProfilesIT {

    private static final String PROBLEM = "urn:skill-broker:problem:";

    @Deployment(testable = false)
    static WebArchive deployment() {
        // a short read timeout so the timeout test does not wait long
        // a short read timeout so the timeout test does not wait long; limits high enough for the whole class
        BrokerEnvironment.configure(Map.of("skillbroker.http.read-timeout", "PT1S",
                "skillbroker.api.rate-limit.per-caller", "1000/PT1M", "skillbroker.api.rate-limit.global", "5000/PT1M",
                "skillbroker.cc.budget", "100000/PT1M"));
        return BrokerEnvironment.war();
    }

    private final WebexSimulator sim = BrokerEnvironment.simulator();
    private final ApiClient api = new ApiClient();
    private String german;
    private String spanish;
    private String vip;

    @BeforeEach
    void connected() {
        if (!StoredState.hasGrant()) {
            assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        }
        german = sim.seededSkills().get("German");
        spanish = sim.seededSkills().get("Spanish");
        vip = sim.seededSkills().get("VIP");
    }

    @AfterEach
    void clearFaults() {
        sim.faults().clear();
        sim.switches().reset();
        sim.desktopTokensLackPeopleRead(false);
    }

    private String token(String user) {
        return sim.issueDesktopToken(sim.user(user).orElseThrow());
    }

    private String germanSpeaker() {
        return sim.seededProfiles().germanSpeaker();
    }

    private JsonObject stored(String profileId) {
        return sim.skillProfile(profileId).orElseThrow();
    }

    private static Map<String, JsonObject> skillsById(JsonObject profile) {
        Map<String, JsonObject> skills = new HashMap<>();
        for (JsonObject skill : profile.getJsonArray("activeSkills").getValuesAs(JsonObject.class)) {
            skills.put(skill.getString("skillId"), skill);
        }
        return skills;
    }

    private int proficiency(String profileId, String skillId) {
        return skillsById(stored(profileId)).get(skillId).getInt("proficiencyValue");
    }

    private List<Received> puts(String profileId) {
        return sim.received().stream().filter(r -> r.method().equals("PUT") && r.path().endsWith("/skill-profile/" + profileId)).toList();
    }

    private static void assertProblem(WebClient.Reply reply, int status, String kind) {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        assertEquals(PROBLEM + kind, type(reply), reply.body());
        assertFalse(reply.body().contains("Exception"), reply.body());
    }

    // ---- reading ----

    @Test
    void getShowsActiveSkillsWithNamesTypesAndValues() {
        WebClient.Reply reply = api.get("/" + germanSpeaker(), token("admin"));

        assertEquals(200, reply.status(), reply.body());
        JsonObject profile = json(reply.body());
        assertEquals(germanSpeaker(), profile.getString("id"));
        assertEquals("German Speaker", profile.getString("name"));
        assertEquals(stored(germanSpeaker()).getInt("version"), profile.getInt("version"));
        Map<String, JsonObject> skills = new HashMap<>();
        profile.getJsonArray("activeSkills").getValuesAs(JsonObject.class).forEach(s -> skills.put(s.getString("name"), s));
        assertEquals("PROFICIENCY", skills.get("German").getString("type"));
        assertEquals(proficiency(germanSpeaker(), german), skills.get("German").getInt("value"));
        assertTrue(skills.get("German").getBoolean("editable"));
        assertEquals("BOOLEAN", skills.get("VIP").getString("type"));
        assertEquals(JsonValue.TRUE, skills.get("VIP").get("value"));
        assertFalse(skills.get("VIP").getBoolean("editable"));
        assertEquals("ENUM", skills.get("Language").getString("type"), "enum skills are shown too");
        assertEquals("English", skills.get("Language").getString("value"));
        assertFalse(skills.get("Language").getBoolean("editable"));
    }

    @Test
    void theAnswerToAChangeStillNamesTheEnumSkills() {
        String id = germanSpeaker();
        int target = (proficiency(id, german) + 1) % 11;

        WebClient.Reply reply = api.patch(id, token("supervisor"), change(german, target));

        assertEquals(200, reply.status(), reply.body());
        JsonObject language = json(reply.body()).getJsonArray("activeSkills").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("type").equals("ENUM")).findFirst().orElseThrow();
        assertEquals("Language", language.getString("name"));
        assertEquals("English", language.getString("value"));
    }

    @Test
    void listPagesThroughProfilesAndSearches() {
        String token = token("admin");
        JsonObject first = json(api.get("", token).body());
        assertTrue(first.getJsonArray("items").size() > 20, first.toString());

        JsonObject found = json(api.get("?search=German", token).body());
        assertEquals(1, found.getJsonArray("items").size(), found.toString());
        JsonObject item = found.getJsonArray("items").getJsonObject(0);
        assertEquals(germanSpeaker(), item.getString("id"));
        assertEquals("Agents who take German calls", item.getString("description"));
        assertFalse(found.getBoolean("hasMore"));

        assertProblem(api.get("?page=-1", token), 400, "invalid-query");
        assertProblem(api.get("?page=abc", token), 400, "invalid-query");
    }

    @Test
    void aSupervisorLimitedToTeamsSeesOnlyProfilesWithinThem() {
        assertTrue(listed("German%20Speaker").contains(germanSpeaker()), "team A's own profile");
        assertFalse(listed("Billing%20Experts").contains(sim.seededProfiles().billingExperts()), "team B's profile");
        assertFalse(listed("Spanish%20Desk").contains(sim.seededProfiles().spanishDesk()),
                "an agent of team B has it as their own");
    }

    /** The supervisor's list searched by a profile's name: other tests add profiles, a page holds 50. */
    private List<String> listed(String search) {
        JsonObject found = json(api.get("?search=" + search, token("supervisor")).body());
        return found.getJsonArray("items").getValuesAs(JsonObject.class).stream().map(o -> o.getString("id")).toList();
    }

    // ---- changing ----

    @Test
    void patchChangesOnlyTheRequestedValueAndPutsBackEverythingElse() {
        String id = germanSpeaker();
        JsonObject before = stored(id);
        int target = (proficiency(id, german) + 1) % 11;

        WebClient.Reply reply = api.patch(id, token("admin"), change(german, target));

        assertEquals(200, reply.status(), reply.body());
        List<Received> puts = puts(id);
        JsonObject sent = json(puts.get(puts.size() - 1).body());
        for (String field : List.of("id", "name", "description", "version", "organizationId", "activeEnumSkills",
                "createdTime", "lastUpdatedTime")) {
            assertEquals(before.get(field), sent.get(field), field);
        }
        Map<String, JsonObject> sentSkills = skillsById(sent);
        Map<String, JsonObject> beforeSkills = skillsById(before);
        assertEquals(beforeSkills.keySet(), sentSkills.keySet());
        beforeSkills.forEach((skillId, skill) -> {
            if (skillId.equals(german)) {
                assertEquals(target, sentSkills.get(skillId).getInt("proficiencyValue"));
                JsonObject rest = jakarta.json.Json.createObjectBuilder(sentSkills.get(skillId))
                        .add("proficiencyValue", skill.get("proficiencyValue")).build();
                assertEquals(skill, rest, "only the value changed");
            } else {
                assertEquals(skill, sentSkills.get(skillId), "untouched skill kept as it was");
            }
        });
        assertFalse(puts.get(puts.size() - 1).body().contains("skillName"), "no read-only detail fields");
        assertEquals(target, proficiency(id, german));
        assertEquals(before.getInt("version") + 1, json(reply.body()).getInt("version"));
        assertEquals(target, json(reply.body()).getJsonArray("activeSkills").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("skillId").equals(german)).findFirst().orElseThrow().getInt("value"));
    }

    @Test
    void mergePatchMediaTypeIsAcceptedToo() {
        String id = sim.seededProfiles().numbered().get(0);
        String french = sim.seededSkills().get("French");
        WebClient.Reply reply = api.patch(id, token("admin"), change(french, 4), "application/merge-patch+json");

        assertEquals(200, reply.status(), reply.body());
        assertEquals(4, proficiency(id, french));
    }

    @Test
    void aSupervisorChangesAProfileOfTheirOwnTeam() {
        int target = (proficiency(germanSpeaker(), spanish) + 1) % 11;
        WebClient.Reply reply = api.patch(germanSpeaker(), token("supervisor"), change(spanish, target));

        assertEquals(200, reply.status(), reply.body());
        assertEquals(target, proficiency(germanSpeaker(), spanish));
    }

    @Test
    void twentyConcurrentChangesToOneProfileAllSurvive() throws Exception {
        Map<String, Integer> initial = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            initial.put(sim.createSkill(sim.orgId(), "Concurrency " + i, "PROFICIENCY"), 0);
        }
        String id = sim.createSkillProfile(sim.orgId(), "Concurrency " + UUID.randomUUID().toString().substring(0, 8), initial);
        String token = token("admin");
        List<String> skillIds = new ArrayList<>(initial.keySet());
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<WebClient.Reply>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String skillId = skillIds.get(i);
                int value = 1 + i % 10;
                calls.add(() -> new ApiClient().patch(id, token, change(skillId, value)));
            }
            for (Future<WebClient.Reply> reply : pool.invokeAll(calls)) {
                assertEquals(200, reply.get().status(), reply.get().body());
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(1 + i % 10, proficiency(id, skillIds.get(i)), "skill " + i);
        }
        assertEquals(20, stored(id).getInt("version"));
    }

    @ParameterizedTest
    @EnumSource(value = SimSwitches.StaleVersion.class, names = {"REJECT_400", "REJECT_409"})
    void aStaleVersionIsReReadAndTheChangeAppliedOnTopOfTheOtherWriters(SimSwitches.StaleVersion stale) {
        sim.switches().staleVersion(stale);
        String french = sim.seededSkills().get("French");
        String billing = sim.seededSkills().get("Billing");
        String other = sim.createSkillProfile(sim.orgId(), "Stale " + UUID.randomUUID().toString().substring(0, 8),
                Map.of(french, 1, billing, 1));
        // between the broker's GET and its PUT, someone else changes Billing (as Control Hub would)
        sim.faults().on("PUT", "/organization/*/skill-profile/" + other,
                Fault.run(() -> sim.setProficiency(other, billing, 9)), 1);

        WebClient.Reply reply = api.patch(other, token("admin"), change(french, 6));

        assertEquals(200, reply.status(), reply.body());
        assertEquals(6, proficiency(other, french));
        assertEquals(9, proficiency(other, billing), "the other writer's change is kept");
        assertEquals(2, puts(other).size(), "one stale PUT, one retried");
    }

    @Test
    void settingTheValueItAlreadyHasWritesNothing() {
        String id = sim.seededProfiles().numbered().get(2);
        String french = sim.seededSkills().get("French");
        int current = proficiency(id, french);
        int putsBefore = puts(id).size();

        WebClient.Reply reply = api.patch(id, token("admin"), change(french, current));

        assertEquals(200, reply.status(), reply.body());
        assertEquals(putsBefore, puts(id).size());
    }

    // ---- who is calling ----

    @Test
    void noTokenIs401WithABearerChallenge() {
        WebClient.Reply reply = api.patch(germanSpeaker(), null, change(german, 5));

        assertProblem(reply, 401, "unauthenticated");
        assertTrue(reply.header("WWW-Authenticate").orElse("").startsWith("Bearer"));
    }

    @Test
    void aTokenWebexRejectsIs401InvalidToken() {
        WebClient.Reply reply = api.patch(germanSpeaker(), "not-a-token-webex-knows", change(german, 5));

        assertProblem(reply, 401, "invalid-token");
        assertTrue(reply.header("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""));
    }

    @Test
    void malformedOrDuplicateAuthorizationIs401() {
        String token = token("admin");
        WebClient.Reply basic = api.send(HttpRequest.newBuilder(URI.create(ApiClient.API)).GET(),
                "Authorization", "Basic dXNlcjpwYXNz");
        WebClient.Reply twice = api.send(HttpRequest.newBuilder(URI.create(ApiClient.API)).GET(),
                "Authorization", "Bearer " + token, "Authorization", "Bearer " + token);
        WebClient.Reply junk = api.send(HttpRequest.newBuilder(URI.create(ApiClient.API)).GET(),
                "Authorization", "Bearer a b c");

        assertProblem(basic, 401, "invalid-authorization");
        assertProblem(twice, 401, "invalid-authorization");
        assertProblem(junk, 401, "invalid-authorization");
        assertTrue(basic.header("WWW-Authenticate").orElse("").startsWith("Bearer"));
    }

    @Test
    void aDesktopTokenWithoutPeopleReadIsToldSoExactly() {
        sim.desktopTokensLackPeopleRead(true);
        WebClient.Reply reply = api.get("/" + germanSpeaker(), token("admin"));

        assertProblem(reply, 403, "desktop-token-lacks-scope");
        assertTrue(json(reply.body()).getString("detail").contains("spark:people_read"));
    }

    @Test
    void someoneOfAnotherOrgIsRefused() {
        assertProblem(api.patch(germanSpeaker(), token("other-org-admin"), change(german, 5)), 403, "wrong-org");
    }

    @Test
    void anAgentIsRefusedWithAReasonTheyCanActOn() {
        WebClient.Reply reply = api.patch(germanSpeaker(), token("agent"), change(german, 5));

        assertProblem(reply, 403, "profile-type-not-allowed");
        assertTrue(json(reply.body()).getString("detail").contains("STANDARD_AGENT"), reply.body());
    }

    @Test
    void aPersonWithoutAContactCenterUserIsRefused() {
        assertProblem(api.get("/" + germanSpeaker(), token("not-in-cc")), 403, "not-a-contact-center-user");
    }

    @Test
    void aSupervisorCannotChangeAProfileUsedOutsideTheirTeams() {
        String billing = sim.seededSkills().get("Billing");
        String token = token("supervisor");
        int before = proficiency(sim.seededProfiles().billingExperts(), billing);

        assertProblem(api.patch(sim.seededProfiles().billingExperts(), token, change(billing, 1)), 403, "outside-your-teams");
        assertProblem(api.patch(sim.seededProfiles().spanishDesk(), token, change(spanish, 1)), 403, "outside-your-teams");
        assertEquals(before, proficiency(sim.seededProfiles().billingExperts(), billing));
    }

    @Test
    void identityAndRoleAreCachedAcrossRequests() {
        // a person no other test of this class uses: roles are cached per person, not per token
        String token = token("all-teams-supervisor");
        sim.resetCounters();

        assertEquals(200, api.get("/" + germanSpeaker(), token).status());
        assertEquals(200, api.get("/" + germanSpeaker(), token).status());
        assertEquals(200, api.get("?search=German", token).status());

        assertEquals(1, sim.count("GET", "/v1/people/me"), sim.received().toString());
        assertEquals(1, sim.count("GET", "/organization/*/user/by-ci-user-id/*"));
        assertTrue(sim.count("GET", "/organization/*/v2/skill") <= 1, "skill names and types are cached too");
    }

    // ---- bad input ----

    @ParameterizedTest
    @ValueSource(strings = {"11", "-1", "7.5", "\"7\"", "1e400", "99999999999999999999999", "null", "true"})
    void proficienciesOutsideWholeZeroToTenAreRefused(String value) {
        String body = "{\"activeSkills\":[{\"skillId\":\"" + german + "\",\"proficiencyValue\":" + value + "}]}";
        WebClient.Reply reply = api.patch(germanSpeaker(), token("admin"), body);

        assertProblem(reply, 400, "invalid-value");
        assertEquals("activeSkills[0].proficiencyValue", json(reply.body()).getString("field"));
    }

    @Test
    void aBooleanSkillIsNotAProficiency() {
        assertProblem(api.patch(germanSpeaker(), token("admin"), change(vip, 5)), 400, "not-a-proficiency-skill");
    }

    @Test
    void aSkillNotInTheProfileIsRefused() {
        assertProblem(api.patch(germanSpeaker(), token("admin"), change(UUID.randomUUID().toString(), 5)), 400,
                "unknown-skill");
        assertProblem(api.patch(germanSpeaker(), token("admin"), change(sim.seededSkills().get("Billing"), 5)), 400,
                "unknown-skill");
    }

    @Test
    void anyOtherFieldIsRefusedByName() {
        String token = token("admin");
        WebClient.Reply name = api.patch(germanSpeaker(), token,
                "{\"activeSkills\":[{\"skillId\":\"" + german + "\",\"proficiencyValue\":5}],\"name\":\"Hacked\"}");
        WebClient.Reply nested = api.patch(germanSpeaker(), token,
                "{\"activeSkills\":[{\"skillId\":\"" + german + "\",\"proficiencyValue\":5,\"booleanValue\":true}]}");

        assertProblem(name, 400, "unknown-field");
        assertEquals("name", json(name.body()).getString("field"));
        assertProblem(nested, 400, "unknown-field");
        assertEquals("activeSkills[0].booleanValue", json(nested.body()).getString("field"));
        assertEquals("German Speaker", stored(germanSpeaker()).getString("name"));
    }

    @Test
    void duplicateSkillsAreRefused() {
        String body = "{\"activeSkills\":[{\"skillId\":\"" + german + "\",\"proficiencyValue\":5},"
                + "{\"skillId\":\"" + german + "\",\"proficiencyValue\":6}]}";
        assertProblem(api.patch(germanSpeaker(), token("admin"), body), 400, "duplicate-skill");
    }

    @Test
    void brokenJsonIsAProblemNotAStackTrace() {
        assertProblem(api.patch(germanSpeaker(), token("admin"), "{\"activeSkills\":[{"), 400, "malformed-json");
        assertProblem(api.patch(germanSpeaker(), token("admin"), "[]"), 400, "invalid-body");
    }

    @Test
    void wrongMediaTypeIs415() {
        assertProblem(api.patch(germanSpeaker(), token("admin"), change(german, 5), "text/plain"), 415,
                "unsupported-media-type");
    }

    @Test
    void oversizedBodiesAre413WithOrWithoutContentLength() {
        String huge = "{\"activeSkills\":[],\"pad\":\"" + "x".repeat(17 * 1024) + "\"}";
        String token = token("admin");

        assertProblem(api.patch(germanSpeaker(), token, huge), 413, "too-large");
        assertProblem(api.patchChunked(germanSpeaker(), token, huge), 413, "too-large");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "93912f11-6017-404b-bf14-5331890b179", "93912f11-6017-404b-bf14-5331890b1797x",
            "93912f11%2D6017-404b-bf14-5331890b1797%3Fx"})
    void idsThatAreNotUuidsNeverReachWebex(String id) {
        sim.resetCounters();
        WebClient.Reply reply = api.patch(id, token("admin"), change(german, 5));

        assertTrue(reply.status() == 400 || reply.status() == 404, reply.status() + " " + reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"));
        assertEquals(0, sim.count("*", "/organization/**"));
    }

    @Test
    void anUnknownProfileIs404() {
        assertProblem(api.get("/" + UUID.randomUUID(), token("admin")), 404, "skill-profile-not-found");
    }

    @Test
    void routingErrorsAreProblemsToo() {
        WebClient.Reply unknown = api.send(HttpRequest.newBuilder(URI.create(BrokerEnvironment.BASE + "/api/nothing-here")).GET());
        WebClient.Reply delete = api.send(HttpRequest.newBuilder(URI.create(ApiClient.API + "/" + germanSpeaker())).DELETE(),
                "Authorization", "Bearer " + token("admin"));
        WebClient.Reply xml = api.send(HttpRequest.newBuilder(URI.create(ApiClient.API + "/" + germanSpeaker())).GET(),
                "Authorization", "Bearer " + token("admin"), "Accept", "application/xml");

        assertProblem(unknown, 404, "not-found");
        assertProblem(delete, 405, "method-not-allowed");
        assertProblem(xml, 406, "not-acceptable");
    }

    // ---- upstream trouble ----

    @Test
    void anExpiredAdminTokenIsRefreshedOnceAndTheChangeGoesThrough() {
        String token = token("admin");
        assertEquals(200, api.get("/" + germanSpeaker(), token).status()); // caller known and cached
        int refreshes = sim.count("POST", "/v1/access_token");
        sim.expireAccessTokens();

        int target = (proficiency(germanSpeaker(), german) + 3) % 11;
        WebClient.Reply reply = api.patch(germanSpeaker(), token, change(german, target));

        assertEquals(200, reply.status(), reply.body());
        assertEquals(target, proficiency(germanSpeaker(), german));
        assertEquals(refreshes + 1, sim.count("POST", "/v1/access_token"));
    }

    @Test
    void aWebex429PausesTheNodeUntilRetryAfterInsteadOfRetryingIntoIt() {
        String token = token("admin");
        api.get("/" + germanSpeaker(), token);
        sim.faults().on("GET", "/organization/*/skill-profile/" + germanSpeaker(), Fault.rateLimited(3), 1);

        WebClient.Reply reply = api.get("/" + germanSpeaker(), token);

        assertProblem(reply, 503, "upstream-rate-limited");
        assertEquals("3", reply.header("Retry-After").orElse(""));
        int calls = sim.count("*", "/organization/**");
        WebClient.Reply paused = api.get("/" + germanSpeaker(), token);
        assertProblem(paused, 503, "upstream-rate-limited");
        assertTrue(Integer.parseInt(paused.header("Retry-After").orElse("0")) <= 3, paused.headers().toString());
        assertEquals(calls, sim.count("*", "/organization/**"), "no call to Contact Center while paused");
        org.skillbroker.servers.Poll.until(() -> api.get("/" + germanSpeaker(), token).status() == 200,
                Duration.ofSeconds(10), "calls resume once Retry-After has passed");
    }

    @Test
    void aPassingWebexFailureIsRetriedForReads() {
        String token = token("admin");
        api.get("/" + germanSpeaker(), token);
        sim.faults().on("GET", "/organization/*/skill-profile/" + germanSpeaker(), Fault.status(500), 1);

        assertEquals(200, api.get("/" + germanSpeaker(), token).status());
    }

    @Test
    void aLastingWebexFailureIs502AfterBoundedRetries() {
        String token = token("admin");
        api.get("/" + germanSpeaker(), token);
        sim.faults().on("GET", "/organization/*/skill-profile/" + germanSpeaker(), Fault.status(500), -1);
        sim.resetCounters();

        WebClient.Reply reply = api.get("/" + germanSpeaker(), token);

        assertProblem(reply, 502, "upstream-failed");
        assertEquals(3, sim.count("GET", "/organization/*/skill-profile/" + germanSpeaker()));
        assertFalse(reply.body().contains("Simulated"), "no upstream body");
    }

    @Test
    void aWebexThatDoesNotAnswerIs504() {
        String token = token("admin");
        api.get("/" + germanSpeaker(), token);
        sim.faults().on("GET", "/organization/*/skill-profile/" + germanSpeaker(), Fault.delay(Duration.ofMillis(1500)), -1);

        assertProblem(api.get("/" + germanSpeaker(), token), 504, "upstream-timeout");
    }

    @Test
    void aGrantWithoutPermissionIs502AndShowsInHealth() {
        String token = token("admin");
        sim.faults().on("PUT", "/organization/*/skill-profile/" + germanSpeaker(), Fault.status(403), 1);
        int target = (proficiency(germanSpeaker(), german) + 1) % 11;

        assertProblem(api.patch(germanSpeaker(), token, change(german, target)), 502, "admin-grant-lacks-permission");
        WebClient.Reply health = new WebClient().get(BrokerEnvironment.BASE + "/health");
        assertEquals(503, health.status());
        assertEquals("DOWN", json(health.body()).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("admin-permission")).findFirst().orElseThrow()
                .getString("status"), health.body());

        assertEquals(200, api.patch(germanSpeaker(), token, change(german, target)).status());
        assertEquals(200, new WebClient().get(BrokerEnvironment.BASE + "/health").status());
    }

    // ---- CORS ----

    @Test
    void aPreflightFromTheDesktopIsAnswered() {
        WebClient.Reply reply = api.send(HttpRequest.newBuilder(URI.create(ApiClient.API + "/" + germanSpeaker()))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()),
                "Origin", "https://desktop.wxcc-eu1.cisco.com", "Access-Control-Request-Method", "PATCH",
                "Access-Control-Request-Headers", "authorization, content-type");

        assertEquals(204, reply.status(), reply.body());
        assertEquals("https://desktop.wxcc-eu1.cisco.com", reply.header("Access-Control-Allow-Origin").orElse(""));
        assertTrue(reply.header("Access-Control-Allow-Methods").orElse("").contains("PATCH"));
        assertTrue(reply.header("Access-Control-Allow-Headers").orElse("").contains("Authorization"));
        assertTrue(reply.header("Access-Control-Max-Age").isPresent());
        assertTrue(reply.header("Vary").orElse("").contains("Origin"));
        assertTrue(reply.header("Access-Control-Allow-Credentials").isEmpty());

        WebClient.Reply get = api.send(HttpRequest.newBuilder(URI.create(ApiClient.API + "/" + germanSpeaker())).GET(),
                "Origin", "https://desktop.wxcc-us1.cisco.com", "Authorization", "Bearer " + token("admin"));
        assertEquals(200, get.status());
        assertEquals("https://desktop.wxcc-us1.cisco.com", get.header("Access-Control-Allow-Origin").orElse(""));
    }

    @Test
    void anotherOriginGetsNoCorsHeaders() {
        WebClient.Reply preflight = api.send(HttpRequest.newBuilder(URI.create(ApiClient.API + "/" + germanSpeaker()))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()),
                "Origin", "https://evil.example", "Access-Control-Request-Method", "PATCH");
        WebClient.Reply get = api.send(HttpRequest.newBuilder(URI.create(ApiClient.API + "/" + germanSpeaker())).GET(),
                "Origin", "https://evil.example", "Authorization", "Bearer " + token("admin"));

        assertProblem(preflight, 403, "cors-origin-not-allowed");
        assertTrue(preflight.header("Access-Control-Allow-Origin").isEmpty());
        assertTrue(preflight.header("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"),
                "the refusal carries the security headers too");
        assertEquals("nosniff", preflight.header("X-Content-Type-Options").orElse(""));
        assertTrue(get.header("Access-Control-Allow-Origin").isEmpty());
        assertTrue(get.header("Vary").orElse("").contains("Origin"));
    }

    // ---- audit ----

    @Test
    void everyAttemptIsOneAuditLineWithoutAnyToken() throws IOException {
        String token = token("supervisor");
        api.patch(germanSpeaker(), token, change(german, 5)); // make sure the file exists
        long before = StoredState.auditLines().size();
        int target = (proficiency(germanSpeaker(), german) + 1) % 11;

        api.patch(germanSpeaker(), token, change(german, target));                       // changed
        api.patch(sim.seededProfiles().billingExperts(), token, change(german, 5));     // denied
        api.patch(germanSpeaker(), token, change(german, 11));                           // invalid

        List<String> lines = StoredState.auditLines();
        assertEquals(before + 3, lines.size());
        JsonObject changed = json(lines.get(lines.size() - 3));
        assertEquals("changed", changed.getString("outcome"));
        assertEquals(sim.supervisor().email(), changed.getJsonObject("caller").getString("email"));
        assertEquals(sim.supervisor().personUuid(), changed.getJsonObject("caller").getString("personId"));
        assertEquals("German Speaker", changed.getJsonObject("profile").getString("name"));
        JsonArray changes = changed.getJsonArray("changes");
        assertEquals("German", changes.getJsonObject(0).getString("skillName"));
        assertEquals(target, changes.getJsonObject(0).getInt("to"));
        assertFalse(changed.getString("trackingId").isEmpty());
        assertEquals("outside-your-teams", json(lines.get(lines.size() - 2)).getString("outcome"));
        assertEquals("invalid-value", json(lines.get(lines.size() - 1)).getString("outcome"));
        for (String line : lines) {
            assertFalse(line.contains(token), "no token in the audit trail");
        }
        if (!BrokerEnvironment.databaseStore()) { // rows have no file mode: the database's grants guard them
            Path file = BrokerEnvironment.storeDir().resolve("audit.log");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    @Test
    void theStatusPageShowsTheLatestChangesToASignedInAdmin() {
        int target = (proficiency(germanSpeaker(), spanish) + 2) % 11;
        assertEquals(200, api.patch(germanSpeaker(), token("admin"), change(spanish, target)).status());
        AdminFlow admin = new AdminFlow(BrokerEnvironment.BASE);
        assertFalse(admin.setupPage().body().contains("Latest changes"), "not before sign-in");

        assertEquals(303, admin.signInAs("admin").status());
        String page = admin.setupPage().body();

        assertTrue(page.contains("Latest changes"), page);
        assertTrue(page.contains("German Speaker") && page.contains("Spanish") && page.contains("Ada Admin"), page);
    }
}
