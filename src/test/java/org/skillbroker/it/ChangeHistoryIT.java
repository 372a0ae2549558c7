package org.skillbroker.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.skillbroker.servers.Poll;
import org.skillbroker.simulator.Fault;
import org.skillbroker.simulator.WebexSimulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.skillbroker.it.ApiClient.json;
import static org.skillbroker.it.ApiClient.type;

/**
 * History, undo and timed changes of skill profiles through the API, against the simulator: who changed what
 * (before → after), undo as a new audited change and refused when the value moved on or the caller may not,
 * a timed change reverted on time by the timer, a value changed since left alone, cancel and revert now.
 */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class ChangeHistoryIT {

    private static final String PROBLEM = "urn:skill-broker:problem:";

    private static final String BOT_TOKEN = BrokerEnvironment.simulator().createBot("Revert Alerts");
    private static final String ROOM = BrokerEnvironment.simulator().createRoom(BOT_TOKEN);

    @Deployment(testable = false)
    static WebArchive deployment() {
        BrokerEnvironment.configure(Map.of("skillbroker.reverts.check-interval", "PT0.5S",
                "skillbroker.reverts.overdue-after", "PT1S",
                "skillbroker.alerts.webex.bot-token", BOT_TOKEN, "skillbroker.alerts.webex.room-id", ROOM,
                "skillbroker.api.rate-limit.per-caller", "1000/PT1M", "skillbroker.api.rate-limit.global", "5000/PT1M",
                "skillbroker.cc.budget", "100000/PT1M"));
        return BrokerEnvironment.war();
    }

    private final WebexSimulator sim = BrokerEnvironment.simulator();
    private final ApiClient api = new ApiClient();
    private String german;
    private String spanish;

    @BeforeEach
    void connected() {
        if (!StoredState.hasGrant()) {
            assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        }
        german = sim.seededSkills().get("German");
        spanish = sim.seededSkills().get("Spanish");
    }

    /** A profile of this test's own, German 3 and Spanish 5, used by team A (the supervisor's). */
    private String profile(String name) {
        Map<String, Integer> values = new LinkedHashMap<>();
        values.put(german, 3);
        values.put(spanish, 5);
        String id = sim.createSkillProfile(sim.orgId(), name, values);
        return id;
    }

    private String token(String user) {
        return sim.issueDesktopToken(sim.user(user).orElseThrow());
    }

    private int value(String profileId, String skillId) {
        return sim.skillProfile(profileId).orElseThrow().getJsonArray("activeSkills").getValuesAs(JsonObject.class)
                .stream().filter(s -> s.getString("skillId").equals(skillId)).findFirst().orElseThrow()
                .getInt("proficiencyValue");
    }

    private int puts(String profileId) {
        return (int) sim.received().stream()
                .filter(r -> r.method().equals("PUT") && r.path().endsWith("/skill-profile/" + profileId)).count();
    }

    private static String body(String skillId, int value, String until) {
        return "{\"activeSkills\":[{\"skillId\":\"" + skillId + "\",\"proficiencyValue\":" + value + "}]"
                + (until == null ? "" : ",\"until\":\"" + until + "\"") + "}";
    }

    private WebClient.Reply post(String path, String token) {
        return api.send(HttpRequest.newBuilder(URI.create(ApiClient.API + path))
                .POST(HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + token));
    }

    private WebClient.Reply delete(String path, String token) {
        return api.send(HttpRequest.newBuilder(URI.create(ApiClient.API + path)).DELETE()
                .header("Authorization", "Bearer " + token));
    }

    private List<JsonObject> history(String id, String token) {
        WebClient.Reply reply = api.get("/" + id + "/history", token);
        assertEquals(200, reply.status(), reply.body());
        return json(reply.body()).getJsonArray("items").getValuesAs(JsonObject.class);
    }

    private List<JsonObject> pending(String id, String token) {
        WebClient.Reply reply = api.get("/" + id + "/reverts", token);
        assertEquals(200, reply.status(), reply.body());
        return json(reply.body()).getJsonArray("items").getValuesAs(JsonObject.class);
    }

    private static void assertProblem(WebClient.Reply reply, int status, String kind) {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        assertEquals(PROBLEM + kind, type(reply), reply.body());
    }

    @Test
    void theHistorySaysWhoChangedWhichSkillFromWhatToWhatAndUndoSetsItBack() {
        String id = profile("History Undo");
        String token = token("supervisor");
        WebClient.Reply changed = api.patch(id, token, body(german, 7, null));
        assertEquals(200, changed.status(), changed.body());
        String changeId = json(changed.body()).getString("changeId");

        JsonObject latest = history(id, token).get(0);
        assertEquals(changeId, latest.getString("changeId"));
        assertEquals(sim.supervisor().email(), latest.getJsonObject("by").getString("email"));
        assertEquals("changed", latest.getString("outcome"));
        assertTrue(latest.getBoolean("undoable"));
        JsonObject skill = latest.getJsonArray("changes").getJsonObject(0);
        assertEquals(german, skill.getString("field"));
        assertEquals("German", skill.getString("label"));
        assertEquals(3, skill.getInt("from"));
        assertEquals(7, skill.getInt("to"));
        assertTrue(Duration.between(Instant.parse(latest.getString("time")), Instant.now()).abs().getSeconds() < 60);

        WebClient.Reply undo = post("/" + id + "/history/" + changeId + "/undo", token("all-teams-supervisor"));
        assertEquals(200, undo.status(), undo.body());
        assertEquals(3, value(id, german), "set back in Contact Center");
        JsonObject undone = history(id, token).get(0);
        assertEquals("undo", undone.getString("cause"));
        assertEquals(changeId, undone.getString("causeOf"));
        assertEquals(sim.allTeamsSupervisor().email(), undone.getJsonObject("by").getString("email"),
                "a new change in the name of who undid it");
        assertEquals(7, undone.getJsonArray("changes").getJsonObject(0).getInt("from"));
        assertEquals(3, undone.getJsonArray("changes").getJsonObject(0).getInt("to"));
    }

    @Test
    void undoIsRefusedWhenTheValueMovedOnAndNothingIsWritten() {
        String id = profile("History Moved On");
        String token = token("supervisor");
        String changeId = json(api.patch(id, token, body(german, 7, null)).body()).getString("changeId");
        sim.setProficiency(id, german, 9); // someone else, in Control Hub
        int puts = puts(id);

        WebClient.Reply undo = post("/" + id + "/history/" + changeId + "/undo", token);

        assertProblem(undo, 409, "moved-on");
        assertTrue(json(undo.body()).getString("detail").contains("German"), undo.body());
        assertEquals(9, value(id, german));
        assertEquals(puts, puts(id), "no write");
        assertEquals("moved-on", history(id, token).get(0).getString("outcome"), "the refusal is audited");
        assertProblem(post("/" + id + "/history/AAAAAAAAAAAAAAAAAAAAAA/undo", token), 404, "change-not-found");
        assertProblem(post("/" + id + "/history/no%20such/undo", token), 400, "invalid-id");
    }

    @Test
    void aSupervisorOutsideTheProfilesTeamsCanNeitherReadItsHistoryNorUndo() {
        String id = profile("History Team B");
        sim.createTeam(sim.orgId(), "Team Of History", id); // not one of the supervisor's teams
        String changeId = json(api.patch(id, token("admin"), body(german, 6, null)).body()).getString("changeId");
        String supervisor = token("supervisor");

        assertProblem(api.get("/" + id + "/history", supervisor), 403, "outside-your-teams");
        assertProblem(post("/" + id + "/history/" + changeId + "/undo", supervisor), 403, "outside-your-teams");
        assertProblem(api.get("/" + id + "/reverts", supervisor), 403, "outside-your-teams");
        assertEquals(6, value(id, german));
        assertProblem(api.get("/" + id + "/history", null), 401, "unauthenticated");
    }

    @Test
    void aTimedChangeIsRevertedOnTimeByTheBroker() {
        String id = profile("Timed Revert");
        String token = token("supervisor");
        Instant until = Instant.now().plusSeconds(3);
        WebClient.Reply changed = api.patch(id, token, body(german, 8, until.toString()));
        assertEquals(200, changed.status(), changed.body());
        JsonObject answer = json(changed.body());
        assertEquals(until.toString(), answer.getString("revertAt"));
        assertEquals(8, value(id, german));
        List<JsonObject> pending = pending(id, token);
        assertEquals(1, pending.size());
        assertEquals(answer.getString("changeId"), pending.get(0).getString("id"));
        assertEquals(3, pending.get(0).getJsonArray("changes").getJsonObject(0).getInt("from"));

        Poll.until(() -> value(id, german) == 3 && pending(id, token).isEmpty(), Duration.ofSeconds(30),
                "German back at 3 after " + until + " and the revert done");
        assertFalse(Instant.now().isBefore(until), "not before its time");
        JsonObject reverted = history(id, token).get(0);
        assertEquals("reverted", reverted.getString("outcome"));
        assertEquals("revert", reverted.getString("cause"));
        assertEquals(answer.getString("changeId"), reverted.getString("causeOf"));
        assertEquals(List.of(), pending(id, token));
        JsonObject original = history(id, token).get(1);
        assertEquals(until.toString(), original.getString("until"));
    }

    @Test
    void aTimedRevertLeavesAValueChangedSinceAlone() {
        String id = profile("Timed Superseded");
        String token = token("supervisor");
        assertEquals(200, api.patch(id, token, "{\"activeSkills\":[{\"skillId\":\"" + german
                + "\",\"proficiencyValue\":8},{\"skillId\":\"" + spanish + "\",\"proficiencyValue\":1}],\"until\":\""
                + Instant.now().plusSeconds(2) + "\"}").status());
        sim.setProficiency(id, german, 10); // changed by someone else before the revert

        Poll.until(() -> pending(id, token).isEmpty(), Duration.ofSeconds(30), "the revert done");

        assertEquals(10, value(id, german), "left alone");
        assertEquals(5, value(id, spanish), "the untouched skill is reverted");
        List<JsonObject> history = history(id, token);
        assertEquals("superseded", history.get(0).getString("outcome"));
        assertEquals(german, history.get(0).getJsonArray("changes").getJsonObject(0).getString("field"));
        assertEquals("reverted", history.get(1).getString("outcome"));
    }

    @Test
    void aPendingRevertCanBeCancelledOrDoneNow() {
        String id = profile("Timed Cancel");
        String token = token("supervisor");
        String until = Instant.now().plus(Duration.ofHours(1)).toString();
        String first = json(api.patch(id, token, body(german, 8, until)).body()).getString("changeId");

        WebClient.Reply cancelled = delete("/" + id + "/reverts/" + first, token);
        assertEquals(204, cancelled.status(), cancelled.body());
        assertEquals(List.of(), pending(id, token));
        assertEquals(8, value(id, german), "the change stays");
        assertEquals("revert-cancelled", history(id, token).get(0).getString("outcome"));
        assertProblem(delete("/" + id + "/reverts/" + first, token), 404, "revert-not-found");

        String second = json(api.patch(id, token, body(german, 2, until)).body()).getString("changeId");
        WebClient.Reply now = post("/" + id + "/reverts/" + second + "/revert", token);
        assertEquals(200, now.status(), now.body());
        assertEquals("reverted", json(now.body()).getString("outcome"));
        assertEquals(8, value(id, german));
        assertEquals("revert-now", history(id, token).get(0).getString("cause"));
        assertEquals(List.of(), pending(id, token));
    }

    @Test
    void aBadRevertTimeIsRefusedBeforeAnyWebexCall() {
        String id = profile("Timed Bad Until");
        String token = token("supervisor");
        api.get("/" + id, token); // caches warm
        sim.resetCounters();

        assertProblem(api.patch(id, token, body(german, 8, Instant.now().minusSeconds(5).toString())), 400, "invalid-until");
        assertProblem(api.patch(id, token, body(german, 8, Instant.now().plus(Duration.ofDays(8)).toString())), 400,
                "invalid-until");
        assertProblem(api.patch(id, token, body(german, 8, "tomorrow")), 400, "invalid-until");
        assertProblem(api.patch(id, token, "{\"activeSkills\":[{\"skillId\":\"" + german
                + "\",\"proficiencyValue\":8}],\"until\":17}"), 400, "invalid-until");
        assertEquals(0, sim.count("PUT", "/organization/*/skill-profile/*"));
        assertEquals(3, value(id, german));
        assertProblem(api.get("/" + id + "/history?limit=0", token), 400, "invalid-query");
        assertProblem(api.get("/" + id + "/history?before=yesterday", token), 400, "invalid-query");
    }

    @Test
    void theHistoryIsPaged() {
        String id = profile("History Paged");
        String token = token("all-teams-supervisor");
        for (int v = 4; v <= 8; v++) {
            assertEquals(200, api.patch(id, token, body(german, v, null)).status());
        }
        JsonObject first = json(api.get("/" + id + "/history?limit=3", token).body());
        assertEquals(3, first.getJsonArray("items").size());
        JsonObject second = json(api.get("/" + id + "/history?limit=3&before=" + first.getString("next"), token).body());
        List<Integer> tos = new java.util.ArrayList<>();
        for (JsonObject page : List.of(first, second)) {
            page.getJsonArray("items").getValuesAs(JsonObject.class)
                    .forEach(i -> tos.add(i.getJsonArray("changes").getJsonObject(0).getInt("to")));
        }
        assertEquals(List.of(8, 7, 6, 5, 4), tos);
    }

    @Test
    void aProfileSaysWhichTeamsAndHowManyAgentsAChangeReaches() {
        String id = profile("Impact Counted");
        sim.createTeam(sim.orgId(), "Impact Team", id);
        sim.assignSkillProfile(sim.user("agent-b").orElseThrow(), id);
        try {
            String token = token("all-teams-supervisor");
            api.get("?search=nothing", token); // who is calling: cached from here on
            sim.resetCounters();

            JsonObject usage = json(api.get("/" + id, token).body()).getJsonObject("usage");
            assertEquals(1, usage.getJsonArray("teams").size(), usage.toString());
            JsonObject team = usage.getJsonArray("teams").getJsonObject(0);
            assertEquals("Impact Team", team.getString("name"));
            assertEquals(0, team.getInt("agents"));
            assertTrue(team.getBoolean("outsideYourTeams"), "not a team of Alex's");
            assertTrue(usage.getBoolean("outsideYourTeams"));
            assertEquals(1, usage.getInt("agentsDirect"), "Bea has it as her own");
            assertEquals(1, usage.getInt("agents"));

            api.get("/" + id, token);
            assertEquals(1, sim.count("GET", "/organization/*/v2/team"), "cached: " + sim.received());
            assertEquals(1, sim.count("GET", "/organization/*/v2/user"));
        } finally {
            sim.assignSkillProfile(sim.user("agent-b").orElseThrow(), sim.seededProfiles().spanishDesk());
        }

        // a team of the supervisor's own, with its members
        JsonObject german = json(api.get("/" + sim.seededProfiles().germanSpeaker(), token("supervisor")).body())
                .getJsonObject("usage");
        JsonObject teamA = german.getJsonArray("teams").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("name").equals("Team A")).findFirst().orElseThrow();
        // Sam and Andy, and whoever earlier classes of this JVM added to team A
        long members = sim.users().stream().filter(u -> u.ccUserId() != null && u.memberOfTeamIds().contains(sim.teamA())).count();
        assertEquals(members, teamA.getInt("agents"), "Sam, Andy and the members added since");
        assertFalse(teamA.getBoolean("outsideYourTeams"));
        assertTrue(german.getInt("agents") >= 2);
    }

    @Test
    void aRevertContactCenterRefusesIsRetriedCountedAndMakesHealthWarnUntilDone() {
        String id = profile("Timed Failing");
        String token = token("supervisor");
        assertEquals(200, api.patch(id, token, body(german, 9, Instant.now().plusSeconds(1).toString())).status());
        sim.faults().on("PUT", "/organization/*/skill-profile/" + id, Fault.status(500), 100_000);
        try {
            Health warned = Health.await(h -> "true".equals(h.data("timed-reverts", "warning")), Duration.ofSeconds(30),
                    "an overdue revert warned about");
            assertEquals("UP", warned.check("timed-reverts").getString("status"), "a warning, not an outage");
            assertTrue(Integer.parseInt(warned.data("timed-reverts", "overdue")) >= 1);
            String metrics = new WebClient().get(BrokerEnvironment.BASE + "/metrics",
                    "Authorization", "Bearer " + BrokerEnvironment.METRICS_TOKEN).body();
            java.util.regex.Matcher failed = java.util.regex.Pattern
                    .compile("^skillbroker_reverts_total\\{outcome=\"failed\"\\} (\\d+)$", java.util.regex.Pattern.MULTILINE)
                    .matcher(metrics);
            assertTrue(failed.find() && Long.parseLong(failed.group(1)) >= 1, metrics);
            assertEquals(9, value(id, german));
            Poll.until(() -> sim.messages(ROOM).stream().anyMatch(m -> m.markdown().contains("not reverted in time")
                    && m.markdown().contains("Timed Failing")), Duration.ofSeconds(30), "the overdue-revert alert");
        } finally {
            sim.faults().clear();
        }
        Poll.until(() -> value(id, german) == 3 && pending(id, token).isEmpty(), Duration.ofSeconds(30),
                "reverted once Contact Center takes it");
        Health.await(h -> "false".equals(h.data("timed-reverts", "warning")), Duration.ofSeconds(10), "warning gone");
        long failures = history(id, token).stream().filter(e -> e.getString("outcome").equals("revert-failed")).count();
        assertEquals(1, failures, "audited once, not at every retry");
    }
}
