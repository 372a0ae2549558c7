package org.skillbroker.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.skillbroker.simulator.SimSwitches;
import org.skillbroker.simulator.SimUser;
import org.skillbroker.simulator.WebexSimulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.skillbroker.it.ApiClient.json;
import static org.skillbroker.it.ApiClient.type;

/**
 * {@code /api/agents} end to end: who a team-limited supervisor may manage (Contact Center's answer, or the team
 * rule where it refuses: the suite runs under both {@code sim.supervisor-queries} settings), one agent's own
 * profile and dynamic skills through {@code reskill}, read back afterwards, a change to several agents, and a
 * refusal for every way to reach an agent outside the caller's scope.
 */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class AgentsIT {

    private static final String PROBLEM = "urn:skill-broker:problem:";
    private static final String API = BrokerEnvironment.BASE + "/api/agents";

    @Deployment(testable = false)
    static WebArchive deployment() {
        BrokerEnvironment.configure(Map.of("skillbroker.api.rate-limit.per-caller", "1000/PT1M",
                "skillbroker.api.rate-limit.global", "5000/PT1M", "skillbroker.cc.budget", "100000/PT1M",
                // a roster is cached for this long: short, so each test sees the agents it set up
                "skillbroker.api.identity-cache-ttl", "PT0.2S",
                // timed changes are set back within half a second of being due
                "skillbroker.reverts.check-interval", "PT0.5S"));
        return BrokerEnvironment.war();
    }

    private final WebexSimulator sim = BrokerEnvironment.simulator();
    private final WebClient client = new WebClient();
    private static final List<String> ADDED = new ArrayList<>();

    @BeforeEach
    void connected() {
        if (!StoredState.hasGrant()) {
            assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        }
        sim.assignSkillProfile(sim.agent(), null);
        sim.clearDynamicSkills(sim.agent());
    }

    @AfterEach
    void reset() {
        sim.faults().clear();
        sim.switches().reset();
    }

    /**
     * Every extra agent exists before any roster is read (rosters are cached, briefly): 30 for paging, 10 for the
     * bulk change, one in teams A and B, one in no team.
     */
    @org.junit.jupiter.api.BeforeAll
    static void extraAgents() {
        WebexSimulator sim = BrokerEnvironment.simulator();
        for (int i = 1; i <= 30; i++) {
            add(sim, String.format("pager-%02d", i), String.format("Pat Pager%02d", i), List.of(sim.teamA()));
        }
        for (int i = 1; i <= 10; i++) {
            add(sim, "bulk-" + i, "Bulk Agent" + i, List.of(sim.teamA()));
        }
        add(sim, "both-teams", "Bo Both", List.of(sim.teamA(), sim.teamB()));
        add(sim, "no-team", "Lone Ranger", List.of());
    }

    private static void add(WebexSimulator sim, String key, String name, List<String> teams) {
        ADDED.add(key);
        sim.addAgent(key, name, teams);
    }

    @AfterAll
    static void removeAddedAgents() {
        ADDED.forEach(key -> BrokerEnvironment.simulator().removeUser(key));
        ADDED.clear();
    }

    private SimUser added(String key) {
        return sim.user(key).orElseThrow();
    }

    private String token(String user) {
        return sim.issueDesktopToken(sim.user(user).orElseThrow());
    }

    private WebClient.Reply get(String path, String token) {
        return client.send(HttpRequest.newBuilder(URI.create(API + path)).GET()
                .header("Authorization", "Bearer " + token));
    }

    private WebClient.Reply patch(String path, String token, String body) {
        return client.send(HttpRequest.newBuilder(URI.create(API + path))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token));
    }

    private static void assertProblem(WebClient.Reply reply, int status, String kind) {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        assertEquals(PROBLEM + kind, type(reply), reply.body());
        assertFalse(reply.body().contains("Exception"), reply.body());
    }

    private int reskills() {
        return sim.count("PATCH", "/organization/*/user/*/reskill");
    }

    /** Reads of users by id (the roster's own lists are not filtered by id). */
    private long byIdReads() {
        return sim.received().stream().filter(r -> r.method().equals("GET") && r.path().endsWith("/v2/user")
                && r.query() != null && r.query().contains("filter=")).count();
    }

    private static List<String> names(JsonObject list) {
        return list.getJsonArray("agents").getValuesAs(JsonObject.class).stream().map(a -> a.getString("name"))
                .toList();
    }

    private boolean contactCenterAnswers() {
        return sim.switches().supervisorQueries() == SimSwitches.SupervisorQueries.ANSWERED;
    }

    // ---- the list ----

    @Test
    void aTeamLimitedSupervisorSeesTheirTeamsAgentsWithTeamsProfileAndDynamicSkills() {
        String token = token("supervisor");
        // a roster cached by the test before (for the identity cache's 0.2 s) may still show Andy's own profile
        org.skillbroker.servers.Poll.until(() -> json(get("", token).body()).getJsonArray("agents")
                .getValuesAs(JsonObject.class).stream().filter(a -> a.getString("name").equals("Andy Agent"))
                .allMatch(a -> a.get("ownSkillProfile") == JsonValue.NULL), java.time.Duration.ofSeconds(10),
                "the roster as the simulator has it now");
        WebClient.Reply reply = get("", token);
        assertEquals(200, reply.status(), reply.body());
        JsonObject list = json(reply.body());
        assertEquals(contactCenterAnswers() ? "contact-center" : "teams", list.getString("decidedBy"));
        List<String> names = names(list);
        assertTrue(names.contains("Andy Agent"), names.toString());
        assertFalse(names.contains("Bea Agent"), "team B is not the supervisor's: " + names);
        JsonObject andy = list.getJsonArray("agents").getValuesAs(JsonObject.class).stream()
                .filter(a -> a.getString("name").equals("Andy Agent")).findFirst().orElseThrow();
        assertEquals("andy.agent@org-a.example", andy.getString("email"));
        assertEquals("Team A", andy.getJsonArray("teams").getJsonObject(0).getString("name"));
        assertEquals(JsonValue.NULL, andy.get("ownSkillProfile"));
        JsonObject effective = andy.getJsonArray("effectiveSkillProfiles").getJsonObject(0);
        assertEquals("German Speaker", effective.getString("name"));
        assertEquals("team", effective.getString("source"));
        assertTrue(andy.getJsonArray("dynamicSkills").isEmpty());
        // what the change form offers: every profile, the skills that may be given to one agent
        List<String> profiles = list.getJsonArray("assignableProfiles").getValuesAs(JsonObject.class).stream()
                .map(p -> p.getString("name")).toList();
        assertTrue(profiles.contains("Spanish Desk"), profiles.toString());
        List<String> skills = list.getJsonArray("dynamicSkills").getValuesAs(JsonObject.class).stream()
                .map(p -> p.getString("name")).toList();
        assertEquals(List.of("German", "Language", "Notes", "Spanish", "VIP"), skills, "the dynamic ones");
        JsonObject language = list.getJsonArray("dynamicSkills").getValuesAs(JsonObject.class).stream()
                .filter(k -> k.getString("name").equals("Language")).findFirst().orElseThrow();
        assertEquals("ENUM", language.getString("type"));
        assertEquals(List.of("English", "German", "Spanish"), language.getJsonArray("values")
                .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
    }

    @Test
    void searchTeamFilterAndPaging() {
        String token = token("supervisor");
        JsonObject first = json(get("?search=pager", token).body());
        assertEquals(30, first.getInt("total"));
        assertEquals(25, first.getJsonArray("agents").size());
        assertTrue(first.getBoolean("hasMore"));
        JsonObject second = json(get("?search=PAGER&page=1", token).body());
        assertEquals(5, second.getJsonArray("agents").size());
        assertFalse(second.getBoolean("hasMore"));
        assertEquals(List.of("Andy Agent"), names(json(get("?search=andy.agent@", token).body())), "by e-mail");
        List<String> teamB = names(json(get("?team=" + sim.teamB(), token).body()));
        assertFalse(teamB.contains("Bea Agent"), "team B's own agents are not in the supervisor's list");
        assertEquals(contactCenterAnswers() ? List.of("Bo Both") : List.of(), teamB,
                "only an agent of both teams, where Contact Center says they are the supervisor's");
        assertProblem(get("?team=not-a-uuid", token), 400, "invalid-id");
        assertProblem(get("?page=x", token), 400, "invalid-query");
    }

    @Test
    void anAllTeamsSupervisorSeesEveryTeamsAgents() {
        List<String> names = names(json(get("?search=agent", token("all-teams-supervisor")).body()));
        assertTrue(names.containsAll(List.of("Andy Agent", "Bea Agent")), names.toString());
    }

    // ---- one agent ----

    @Test
    void assignsOneAgentsOwnProfileReadsItBackAndAuditsIt() throws IOException {
        String spanishDesk = sim.seededProfiles().spanishDesk();
        sim.resetCounters();
        WebClient.Reply reply = patch("/" + sim.agent().ccUserId(), token("supervisor"),
                "{\"skillProfileId\":\"" + spanishDesk + "\"}");
        assertEquals(200, reply.status(), reply.body());
        JsonObject agent = json(reply.body());
        assertEquals("Spanish Desk", agent.getJsonObject("ownSkillProfile").getString("name"));
        assertEquals("agent", agent.getJsonArray("effectiveSkillProfiles").getJsonObject(0).getString("source"));
        assertEquals(spanishDesk, sim.ownSkillProfile(sim.agent()).orElseThrow());
        assertEquals(1, reskills(), "one reskill");
        assertEquals(2, byIdReads(), "the agent read before, and read back after");

        String last = StoredState.auditLines().stream().filter(l -> l.contains(sim.agent().ccUserId()))
                .reduce((a, b) -> b).orElseThrow();
        assertTrue(last.contains("\"changed\""), last);
        assertTrue(last.contains(sim.supervisor().email()), last);
    }

    @Test
    void aChangeToWhatTheAgentAlreadyHoldsWritesNothing() {
        String token = token("supervisor");
        String body = "{\"skillProfileId\":\"" + sim.seededProfiles().spanishDesk() + "\"}";
        assertEquals(200, patch("/" + sim.agent().ccUserId(), token, body).status());
        int before = reskills();
        assertEquals(200, patch("/" + sim.agent().ccUserId(), token, body).status());
        assertEquals(before, reskills());
    }

    /** Cisco does not say what {@code "skillProfileId": ""} does: the broker is proven under each answer. */
    @ParameterizedTest
    @EnumSource(SimSwitches.ReskillClear.class)
    void clearingTheOwnProfileIsReportedAsContactCenterActuallyDidIt(SimSwitches.ReskillClear setting) {
        sim.assignSkillProfile(sim.agent(), sim.seededProfiles().spanishDesk());
        sim.switches().reskillClear(setting);
        WebClient.Reply reply = patch("/" + sim.agent().ccUserId(), token("supervisor"), "{\"skillProfileId\":null}");
        switch (setting) {
            case CLEARS -> {
                assertEquals(200, reply.status(), reply.body());
                assertEquals(JsonValue.NULL, json(reply.body()).get("ownSkillProfile"));
                assertTrue(sim.ownSkillProfile(sim.agent()).isEmpty());
            }
            case IGNORED -> {
                assertProblem(reply, 502, "change-not-applied");
                assertFalse(json(reply.body()).getString("trackingId").isEmpty());
            }
            case REJECT_400 -> assertProblem(reply, 422, "contact-center-refused");
        }
    }

    @Test
    void givesChangesAndTakesAwayDynamicSkillsOfEachType() {
        String token = token("supervisor");
        String agent = "/" + sim.agent().ccUserId();
        Map<String, String> skills = sim.seededSkills();
        WebClient.Reply reply = patch(agent, token, "{\"dynamicSkills\":[{\"skillId\":\"" + skills.get("German")
                + "\",\"value\":8},{\"skillId\":\"" + skills.get("VIP") + "\",\"value\":true},{\"skillId\":\""
                + skills.get("Notes") + "\",\"value\":\"speaks Dutch too\"}]}");
        assertEquals(200, reply.status(), reply.body());
        JsonArray dynamic = json(reply.body()).getJsonArray("dynamicSkills");
        assertEquals(3, dynamic.size(), reply.body());
        assertEquals(3, sim.dynamicSkills(sim.agent()).size());
        assertEquals(8, sim.dynamicSkills(sim.agent()).stream()
                .filter(s -> s.getString("skillId").equals(skills.get("German"))).findFirst().orElseThrow()
                .getInt("proficiencyValue"));

        reply = patch(agent, token, "{\"dynamicSkills\":[{\"skillId\":\"" + skills.get("German")
                + "\",\"value\":3},{\"skillId\":\"" + skills.get("VIP") + "\",\"value\":null}]}");
        assertEquals(200, reply.status(), reply.body());
        assertEquals(2, sim.dynamicSkills(sim.agent()).size());
        assertEquals(3, sim.dynamicSkills(sim.agent()).stream()
                .filter(s -> s.getString("skillId").equals(skills.get("German"))).findFirst().orElseThrow()
                .getInt("proficiencyValue"));
        patch(agent, token, "{\"dynamicSkills\":[{\"skillId\":\"" + skills.get("German") + "\",\"value\":null},"
                + "{\"skillId\":\"" + skills.get("Notes") + "\",\"value\":null}]}");
        assertTrue(sim.dynamicSkills(sim.agent()).isEmpty());
    }

    /**
     * Cisco does not say whether reskill's {@code enumSkillValues} names values by id or by name: this broker sends
     * ids ({@code skillbroker.agents.enum-value-form}'s default). Where Contact Center takes ids the value is given,
     * shown, timed and taken away; where it wants names the refusal is reported and nothing is held.
     * {@link EnumValueFormIT} proves the other setting.
     */
    @ParameterizedTest
    @EnumSource(SimSwitches.EnumSkillValues.class)
    void anEnumSkillValueIsGivenByIdAndARefusalIsReported(SimSwitches.EnumSkillValues setting) {
        sim.switches().enumSkillValues(setting);
        String token = token("supervisor");
        String agent = "/" + sim.agent().ccUserId();
        String language = sim.seededSkills().get("Language");
        WebClient.Reply reply = patch(agent, token, dynamic(language, "\"German\""));
        if (setting == SimSwitches.EnumSkillValues.NAMES) {
            assertProblem(reply, 422, "contact-center-refused");
            assertTrue(sim.dynamicSkills(sim.agent()).isEmpty(), "nothing held");
            return;
        }
        assertEquals(200, reply.status(), reply.body());
        assertEquals(sim.enumValueId(language, "German"), sim.dynamicSkills(sim.agent()).get(0)
                .getString("enumSkillValues"));
        JsonObject shown = json(reply.body()).getJsonArray("dynamicSkills").getJsonObject(0);
        assertEquals("German", shown.getString("value"), reply.body());
        assertEquals("ENUM", shown.getString("type"));
        String history = get(agent + "/history", token).body();
        assertTrue(history.contains("\"German\""), history);

        reply = patch(agent, token, dynamic(language, "\"Spanish\""));
        assertEquals(200, reply.status(), reply.body());
        assertEquals(sim.enumValueId(language, "Spanish"), sim.dynamicSkills(sim.agent()).get(0)
                .getString("enumSkillValues"));
        WebClient.Reply undone = client.send(HttpRequest.newBuilder(URI.create(API + agent + "/history/"
                + json(reply.body()).getString("changeId") + "/undo")).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + token));
        assertEquals(200, undone.status(), undone.body());
        assertEquals(sim.enumValueId(language, "German"), sim.dynamicSkills(sim.agent()).get(0)
                .getString("enumSkillValues"), "undo gives the value before back");
        assertEquals(200, patch(agent, token, dynamic(language, "null")).status());
        assertTrue(sim.dynamicSkills(sim.agent()).isEmpty());
    }

    /** A held enum value the broker cannot name (several, or one the skill does not list) is shown so, never changed. */
    @Test
    void anEnumValueTheBrokerCannotNameIsShownAsSuchAndNotChanged() {
        String language = sim.seededSkills().get("Language");
        sim.putDynamicSkill(sim.agent(), Json.createObjectBuilder().add("skillId", language)
                .add("enumSkillValues", sim.enumValueId(language, "German") + "," + sim.enumValueId(language, "English"))
                .build());
        String token = token("supervisor");
        String agent = "/" + sim.agent().ccUserId();
        // a roster cached by the test before (for the identity cache's 0.2 s) may still show the skills as they were
        org.skillbroker.servers.Poll.until(() -> json(get(agent, token).body()).getJsonArray("dynamicSkills")
                .getValuesAs(JsonObject.class).stream().anyMatch(s -> s.getBoolean("unreadable", false)),
                java.time.Duration.ofSeconds(10), "the agent's dynamic skills as the simulator has them now");
        JsonObject held = json(get(agent, token).body()).getJsonArray("dynamicSkills").getJsonObject(0);
        assertEquals(JsonValue.NULL, held.get("value"), held.toString());
        assertTrue(held.getBoolean("unreadable"), held.toString());
        int before = reskills();
        assertProblem(patch(agent, token, dynamic(language, "\"Spanish\"")), 409, "value-unreadable");
        assertEquals(before, reskills(), "nothing written on a guess");
    }

    @Test
    void valuesAndSkillsThatDoNotFitAreRefusedBeforeAnyWrite() {
        String token = token("supervisor");
        String agent = "/" + sim.agent().ccUserId();
        Map<String, String> skills = sim.seededSkills();
        int before = reskills();
        assertProblem(patch(agent, token, dynamic(skills.get("German"), "true")), 400, "invalid-value");
        assertProblem(patch(agent, token, dynamic(skills.get("German"), "11")), 400, "invalid-value");
        assertProblem(patch(agent, token, dynamic(skills.get("German"), "2.5")), 400, "invalid-value");
        assertProblem(patch(agent, token, dynamic(skills.get("VIP"), "\"yes\"")), 400, "invalid-value");
        assertProblem(patch(agent, token, dynamic(skills.get("Notes"), "\"" + "x".repeat(101) + "\"")), 400,
                "invalid-value");
        assertProblem(patch(agent, token, dynamic(skills.get("French"), "5")), 400, "not-a-dynamic-skill");
        assertProblem(patch(agent, token, dynamic(skills.get("Language"), "\"Klingon\"")), 400, "invalid-value");
        assertProblem(patch(agent, token, dynamic(skills.get("Language"), "\"german\"")), 400, "invalid-value");
        assertProblem(patch(agent, token, dynamic(skills.get("Language"), "3")), 400, "invalid-value");
        assertProblem(patch(agent, token, dynamic(UUID.randomUUID().toString(), "5")), 400, "unknown-skill");
        assertProblem(patch(agent, token, "{\"skillProfileId\":\"" + UUID.randomUUID() + "\"}"), 400,
                "unknown-profile");
        assertProblem(patch(agent, token, "{\"skillProfileId\":\"" + sim.seededProfiles().otherOrgProfile() + "\"}"),
                400, "unknown-profile");
        assertProblem(patch(agent, token, "{\"team\":\"x\"}"), 400, "unknown-field");
        assertProblem(patch(agent, token, "{}"), 400, "invalid-body");
        assertProblem(patch(agent, token, "{"), 400, "malformed-json");
        assertEquals(before, reskills(), "nothing was written");
    }

    private static String dynamic(String skillId, String value) {
        return "{\"dynamicSkills\":[{\"skillId\":\"" + skillId + "\",\"value\":" + value + "}]}";
    }

    // ---- history, undo and timed reverts: the skill profiles' mechanism ----

    @Test
    void aDynamicSkillGivenUntilASetTimeIsTakenAwayThenByTheBroker() {
        String token = token("supervisor");
        String agent = "/" + sim.agent().ccUserId();
        String german = sim.seededSkills().get("German");
        java.time.Instant until = java.time.Instant.now().plusSeconds(2);
        WebClient.Reply reply = patch(agent, token, "{\"dynamicSkills\":[{\"skillId\":\"" + german
                + "\",\"value\":7}],\"until\":\"" + until + "\"}");
        assertEquals(200, reply.status(), reply.body());
        assertEquals(until.toString(), json(reply.body()).getString("revertAt"));
        assertEquals(1, sim.dynamicSkills(sim.agent()).size());
        JsonObject pending = json(get(agent + "/reverts", token).body());
        assertTrue(pending.toString().contains(json(reply.body()).getString("changeId")), pending.toString());

        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (!sim.dynamicSkills(sim.agent()).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the skill is still there 20 s after it was due");
            Thread.onSpinWait();
        }
        // the revert's audit line is recorded after Contact Center answered the write: polled, not read once
        org.skillbroker.servers.Poll.until(() -> get(agent + "/history", token).body().contains("\"reverted\""),
                java.time.Duration.ofSeconds(20), "the revert in the agent's history");
    }

    @Test
    void undoSetsTheAgentBackAndIsRefusedOnceTheValueMovedOn() {
        String token = token("supervisor");
        String agent = "/" + sim.agent().ccUserId();
        WebClient.Reply changed = patch(agent, token, "{\"skillProfileId\":\""
                + sim.seededProfiles().spanishDesk() + "\"}");
        assertEquals(200, changed.status(), changed.body());
        String changeId = json(changed.body()).getString("changeId");
        WebClient.Reply again = patch(agent, token, "{\"skillProfileId\":\""
                + sim.seededProfiles().billingExperts() + "\"}");
        assertEquals(200, again.status());
        WebClient.Reply refused = client.send(HttpRequest.newBuilder(URI.create(API + agent + "/history/" + changeId
                + "/undo")).POST(HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + token));
        assertProblem(refused, 409, "moved-on");

        String lastId = json(again.body()).getString("changeId");
        WebClient.Reply undone = client.send(HttpRequest.newBuilder(URI.create(API + agent + "/history/" + lastId
                + "/undo")).POST(HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + token));
        assertEquals(200, undone.status(), undone.body());
        assertEquals(sim.seededProfiles().spanishDesk(), sim.ownSkillProfile(sim.agent()).orElseThrow());
    }

    @Test
    void theHistoryOfAnAgentOutsideScopeIsRefused() {
        assertProblem(get("/" + sim.agentB().ccUserId() + "/history", token("supervisor")), 403,
                "agent-outside-your-scope");
        assertProblem(get("/" + sim.agentB().ccUserId() + "/reverts", token("supervisor")), 403,
                "agent-outside-your-scope");
    }

    // ---- every way to reach an agent outside the caller's scope is refused ----

    @Test
    void anAgentOfAnotherTeamIsRefusedToReadAndToChange() {
        String token = token("supervisor");
        int before = reskills();
        assertProblem(get("/" + sim.agentB().ccUserId(), token), 403, "agent-outside-your-scope");
        assertProblem(patch("/" + sim.agentB().ccUserId(), token, "{\"skillProfileId\":null}"), 403,
                "agent-outside-your-scope");
        assertEquals(before, reskills());
    }

    @Test
    void anAgentOfAnotherOrgOrAnUnknownIdGetsTheSameRefusal() {
        String token = token("supervisor");
        assertProblem(patch("/" + sim.otherOrgAdmin().ccUserId(), token, "{\"skillProfileId\":null}"), 403,
                "agent-outside-your-scope");
        assertProblem(patch("/" + UUID.randomUUID(), token, "{\"skillProfileId\":null}"), 403,
                "agent-outside-your-scope");
        assertProblem(patch("/not-a-uuid", token, "{\"skillProfileId\":null}"), 400, "invalid-id");
    }

    @Test
    void anAgentInOneOfMyTeamsAndAnotherIsMineOnlyIfContactCenterSaysSo() {
        SimUser both = added("both-teams");
        WebClient.Reply reply = patch("/" + both.ccUserId(), token("supervisor"),
                "{\"skillProfileId\":\"" + sim.seededProfiles().spanishDesk() + "\"}");
        if (contactCenterAnswers()) {
            assertEquals(200, reply.status(), "Contact Center decides: " + reply.body());
        } else {
            assertProblem(reply, 403, "agent-outside-your-scope"); // the fallback rule: all their teams mine
        }
    }

    @Test
    void anAgentInNoTeamIsNobodysUnderTheTeamRule() {
        SimUser loner = added("no-team");
        WebClient.Reply reply = patch("/" + loner.ccUserId(), token("supervisor"), "{\"skillProfileId\":null}");
        assertProblem(reply, 403, "agent-outside-your-scope");
    }

    @Test
    void aSupervisorWhoseProfileReachesNoTeamManagesNobody() {
        SimUser none = sim.putUser(new SimUser("none-supervisor", UUID.nameUUIDFromBytes("p:none-sup".getBytes())
                .toString(), sim.orgId(), "nora.none@org-a.example", "Nora None", UUID.nameUUIDFromBytes(
                "cc:none-sup".getBytes()).toString(), "SUPERVISOR", "NONE", List.of(), List.of()));
        ADDED.add(none.key());
        String token = sim.issueDesktopToken(none);
        assertEquals(0, json(get("", token).body()).getInt("total"));
        assertProblem(patch("/" + sim.agent().ccUserId(), token, "{\"skillProfileId\":null}"), 403,
                "agent-outside-your-scope");
    }

    @Test
    void anAgentMayNotChangeAgents() {
        WebClient.Reply reply = patch("/" + sim.agent().ccUserId(), token("agent"), "{\"skillProfileId\":null}");
        assertProblem(reply, 403, "profile-type-not-allowed");
        assertProblem(get("", token("agent")), 403, "profile-type-not-allowed");
    }

    // ---- several agents ----

    @Test
    void oneChangeToTenAgentsCostsOneReadTenReskillsAndOneReadBack() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            ids.add(added("bulk-" + i).ccUserId());
        }
        String token = token("supervisor");
        get("", token); // the roster, as the widget has it before a bulk change
        sim.resetCounters();
        WebClient.Reply reply = patch("", token, "{\"agentIds\":[" + ids.stream().map(id -> "\"" + id + "\"")
                .collect(Collectors.joining(",")) + "],\"change\":{\"dynamicSkills\":[{\"skillId\":\""
                + sim.seededSkills().get("Spanish") + "\",\"value\":6}]}}");
        assertEquals(200, reply.status(), reply.body());
        JsonObject result = json(reply.body());
        assertEquals(10, result.getInt("succeeded"));
        assertEquals(0, result.getInt("failed"));
        assertEquals(10, reskills());
        assertEquals(2, byIdReads(), "the ten read in one call before, and in one call after");
        for (String key : ADDED.stream().filter(k -> k.startsWith("bulk-")).toList()) {
            assertEquals(6, sim.dynamicSkills(sim.user(key).orElseThrow()).get(0).getInt("proficiencyValue"));
        }
    }

    @Test
    void aBulkChangeRefusesEachAgentOutsideScopeAloneAndChangesTheRest() {
        WebClient.Reply reply = patch("", token("supervisor"), "{\"agentIds\":[\"" + sim.agent().ccUserId()
                + "\",\"" + sim.agentB().ccUserId() + "\"],\"change\":{\"skillProfileId\":\""
                + sim.seededProfiles().billingExperts() + "\"}}");
        assertEquals(200, reply.status(), reply.body());
        JsonArray results = json(reply.body()).getJsonArray("results");
        assertEquals("changed", results.getJsonObject(0).getString("outcome"));
        assertEquals("agent-outside-your-scope", results.getJsonObject(1).getString("outcome"));
        assertEquals(403, results.getJsonObject(1).getInt("status"));
        assertEquals(sim.seededProfiles().billingExperts(), sim.ownSkillProfile(sim.agent()).orElseThrow());
        assertEquals(sim.seededProfiles().spanishDesk(), sim.ownSkillProfile(sim.agentB()).orElseThrow(),
                "Bea is untouched");
    }

    @Test
    void aBulkRequestIsBoundedTo50Agents() {
        String ids = java.util.stream.IntStream.range(0, 51).mapToObj(i -> "\"" + UUID.randomUUID() + "\"")
                .collect(Collectors.joining(","));
        int before = reskills();
        assertProblem(patch("", token("supervisor"), "{\"agentIds\":[" + ids + "],\"change\":{\"skillProfileId\":"
                + "null}}"), 400, "too-many-agents");
        assertEquals(before, reskills());
    }

    // ---- what a stranger can cost ----

    @Test
    void aStrangerFloodingAgentChangesCostsNoContactCenterCallAndNoAuditLine() throws IOException {
        long lines = StoredState.auditLines().size();
        sim.resetCounters();
        String body = "{\"agentIds\":[\"" + sim.agent().ccUserId() + "\"],\"change\":{\"skillProfileId\":null}}";
        for (int i = 0; i < 100; i++) {
            WebClient.Reply reply = patch(i % 2 == 0 ? "" : "/" + sim.agent().ccUserId(), "forged-" + UUID.randomUUID(),
                    i % 2 == 0 ? body : "{\"skillProfileId\":null}");
            assertTrue(reply.status() == 401 || reply.status() == 429, reply.status() + " " + reply.body());
        }
        assertEquals(0, sim.count("*", "/organization/**"), "no Contact Center call");
        assertEquals(lines, StoredState.auditLines().size(), "no audit line");
    }
}
