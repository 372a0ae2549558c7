package org.skillbroker.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static org.skillbroker.bench.CallsTable.calls;

/**
 * The benchmark's calls-per-action section: a broker at its default settings, fresh (every cache cold), and each
 * user action done once as the widget does it, then again at once (warm); the simulator counts the Webex calls of
 * each, and they are held against the README's table (the targets below are that table, endpoint by endpoint).
 *
 * <p>Two settings differ from the defaults, so that the section takes seconds and not minutes: the identity
 * cache lives {@link #IDENTITY_TTL} (the steady-state identity cost is measured by waiting it out once) and the
 * revert timer looks every second (a timed change is reverted by the timer, not by a button).
 */
final class CallsPerAction {

    static final Duration IDENTITY_TTL = Duration.ofSeconds(60);
    private static final Duration REVERT_CHECK = Duration.ofSeconds(1);

    // the README's names of the calls
    static final String PEOPLE_ME = "desktop GET /v1/people/me";
    static final String WHO = "integration GET user/by-ci-user-id/{id}";
    static final String LIST = "integration GET v2/skill-profile";
    static final String PROFILE = "integration GET skill-profile/{id}";
    static final String PUT = "integration PUT skill-profile/{id}";
    static final String SKILLS = "integration GET v2/skill";
    static final String TEAMS = "integration GET v2/team?filter";
    static final String TEAM_NAMES = "integration GET v2/team";
    static final String USERS = "integration GET v2/user?filter";
    static final String SUPERVISOR_VIEW = "desktop GET v2/team?supervisorView";
    static final String MANAGED_AGENTS = "desktop GET v2/user?supervisorManagedAgentsOnly";
    static final String RESKILL = "integration PATCH user/{id}/reskill";

    static final String COLD = "cold caches";
    static final String WARM = "warm caches";

    // the actions, named as in the README's table
    static final String WIDGET = "open the widget (identity + list of 50), all-teams supervisor";
    static final String IDENTITY = "identity of a caller, each identity-cache TTL (steady state)";
    static final String WIDGET_LIMITED = "open the widget (identity + list of 50), team-limited supervisor";
    static final String LIST_LIMITED = "list 50 more profiles (next page), team-limited supervisor";
    static final String OPEN = "open one profile (with who a change reaches and pending reverts)";
    static final String IMPACT = "who a change reaches, for another profile";
    static final String OPEN_LIMITED = "open one profile, team-limited supervisor";
    static final String CHANGE = "change one skill";
    static final String CHANGE_LIMITED = "change one skill, team-limited supervisor";
    static final String HISTORY = "history of a profile";
    static final String UNDO = "undo a change";
    static final String UNDO_REFUSED = "undo a change whose value moved on (refused)";
    static final String TIMED = "a timed change (until)";
    static final String REVERT = "its revert, by the timer";
    static final String AGENTS = "open the Agents view, team-limited supervisor";
    static final String AGENT = "change one agent";
    static final String AGENTS_10 = "change 10 agents (one bulk request)";

    /**
     * The README's table of upstream calls per user action, endpoint by endpoint ("action|caches" → calls).
     * CallsReadmeTest holds the README's table to these.
     */
    static final Map<String, Map<String, Integer>> TARGETS = new LinkedHashMap<>();

    static {
        target(WIDGET, COLD, calls(PEOPLE_ME, 1, WHO, 1, LIST, 1));
        target(WIDGET, WARM, calls(LIST, 1));
        target(IDENTITY, WARM, calls(PEOPLE_ME, 1, WHO, 1));
        target(WIDGET_LIMITED, COLD, calls(PEOPLE_ME, 1, WHO, 1, LIST, 1, TEAMS, 1, USERS, 1, SUPERVISOR_VIEW, 1));
        target(WIDGET_LIMITED, WARM, calls(LIST, 1));
        target(LIST_LIMITED, COLD, calls(LIST, 1, TEAMS, 1, USERS, 1));
        target(LIST_LIMITED, WARM, calls(LIST, 1));
        target(OPEN, COLD, calls(PROFILE, 1, SKILLS, 1, TEAMS, 1, USERS, 1));
        target(OPEN, WARM, calls(PROFILE, 1));
        target(IMPACT, COLD, calls(PROFILE, 1, TEAMS, 1, USERS, 1));
        target(OPEN_LIMITED, WARM, calls(PROFILE, 1));
        target(CHANGE, WARM, calls(PROFILE, 1, PUT, 1));
        target(CHANGE_LIMITED, WARM, calls(PROFILE, 1, PUT, 1));
        target(HISTORY, WARM, calls());
        target(UNDO, WARM, calls(PROFILE, 1, PUT, 1));
        target(UNDO_REFUSED, WARM, calls(PROFILE, 1));
        target(TIMED, WARM, calls(PROFILE, 1, PUT, 1));
        target(REVERT, WARM, calls(PROFILE, 1, PUT, 1));
        target(AGENTS, COLD, calls(MANAGED_AGENTS, 1, TEAM_NAMES, 1, LIST, 1));
        target(AGENTS, WARM, calls());
        target(AGENT, WARM, calls(USERS, 2, RESKILL, 1));
        target(AGENTS_10, WARM, calls(USERS, 2, RESKILL, 10));
    }

    private static void target(String action, String caches, Map<String, Integer> calls) {
        TARGETS.put(action + "|" + caches, calls);
    }

    private final Benchmark bench;
    private final CallsTable table = new CallsTable();
    private String limited; // the seeded team-limited supervisor's token
    private String allTeams; // the seeded all-teams supervisor's token

    CallsPerAction(Benchmark bench) {
        this.bench = bench;
    }

    CallsTable run() throws Exception {
        Properties settings = bench.requiredSettings();
        settings.setProperty("skillbroker.api.identity-cache-ttl", IDENTITY_TTL.toString());
        settings.setProperty("skillbroker.reverts.check-interval", REVERT_CHECK.toString());
        bench.startBroker(settings, "broker-calls");
        bench.awaitReady();
        limited = bench.desktopToken("supervisor");
        allTeams = bench.desktopToken("all-teams-supervisor");
        List<String> profiles = bench.profiles();
        String profile = profiles.get(0);

        // the widget opens: who is calling, then the first page of the list
        measure(WIDGET, COLD, () -> ok(get("/api/skill-profiles?page=0", allTeams)));
        Instant identified = Instant.now(); // the caller's identity was looked up before this: it expires before +TTL
        measure(WIDGET, WARM, () -> ok(get("/api/skill-profiles?page=0", allTeams)));

        // one profile: the profile with who it reaches, and its pending reverts (the widget asks both)
        measure(OPEN, COLD, () -> openProfile(profile, allTeams));
        measure(OPEN, WARM, () -> openProfile(profile, allTeams));
        measure(IMPACT, COLD, () -> openProfile(profiles.get(1), allTeams));

        // the team-limited supervisor: the list is scoped to what their teams use (who uses 50 profiles)
        measure(WIDGET_LIMITED, COLD, () -> ok(get("/api/skill-profiles?page=0", limited)));
        measure(WIDGET_LIMITED, WARM, () -> ok(get("/api/skill-profiles?page=0", limited)));
        measure(LIST_LIMITED, COLD, () -> ok(get("/api/skill-profiles?page=1", limited)));
        measure(LIST_LIMITED, WARM, () -> ok(get("/api/skill-profiles?page=1", limited)));
        measure(OPEN_LIMITED, WARM, () -> openProfile(profile, limited));

        // changes
        String[] first = new String[1];
        measure(CHANGE, WARM, () -> first[0] = change(profile, allTeams, 7, null));
        measure(CHANGE_LIMITED, WARM, () -> change(profile, limited, 8, null));
        measure(HISTORY, WARM, () -> ok(get("/api/skill-profiles/" + profile + "/history", limited)));
        measure(UNDO_REFUSED, WARM, () -> status(post("/api/skill-profiles/" + profile + "/history/" + first[0]
                + "/undo", allTeams), 409));
        String last = change(profile, allTeams, 9, null);
        measure(UNDO, WARM, () -> ok(post("/api/skill-profiles/" + profile + "/history/" + last + "/undo", allTeams)));
        measure(TIMED, WARM, () -> change(profile, allTeams, 10, Instant.now().plusSeconds(2)));
        measure(REVERT, WARM, () -> awaitReverted(profile));

        // agents
        String[] view = new String[1];
        measure(AGENTS, COLD, () -> view[0] = ok(get("/api/agents?page=0", limited)));
        measure(AGENTS, WARM, () -> ok(get("/api/agents?page=0", limited)));
        List<String> agents = json(view[0]).getJsonArray("agents").getValuesAs(JsonObject.class).stream()
                .filter(a -> a.getString("name", "").startsWith("Bench Agent")).map(a -> a.getString("id")).toList();
        if (agents.size() < 11) {
            throw new IllegalStateException("the Agents view's first page shows " + agents.size() + " bench agents");
        }
        measure(AGENT, WARM, () -> ok(patch("/api/agents/" + agents.get(0), limited, agentChange(5))));
        measure(AGENTS_10, WARM, () -> ok(patch("/api/agents", limited, "{\"agentIds\":[" + agents.subList(1, 11)
                .stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",")) + "],\"change\":"
                + agentChange(6) + "}")));

        // the identity's steady state: the same caller once its cached identity has expired
        Duration left = Duration.between(Instant.now(), identified.plus(IDENTITY_TTL).plusSeconds(2));
        if (!left.isNegative()) {
            Benchmark.log("calls: waiting %d s for the identity cache (%s) to expire", left.toSeconds(), IDENTITY_TTL);
            LockSupport.parkNanos(left.toNanos());
        }
        measure(IDENTITY, WARM, () -> ok(get("/api/skill-profiles/" + profile + "/history", allTeams)));
        bench.stopBrokers();
        table.condition("A broker of its own, fresh, at its default settings but two: "
                + "skillbroker.api.identity-cache-ttl=" + IDENTITY_TTL + " (default PT2M; the identity's steady state "
                + "is measured by waiting it out once) and skillbroker.reverts.check-interval=" + REVERT_CHECK
                + " (default PT15S; the timed change is set back by the timer). Skill names (v2/skill) and "
                + "team/profile names keep their default lifetime (PT10M), who a profile reaches its (PT2M).");
        table.condition("Each action is done as the widget does it: opening a profile is GET /api/skill-profiles/{id} "
                + "and GET .../reverts; a change is one PATCH; *cold* = the first time, *warm* = again at once. "
                + "Supervisors: Sam (team-limited to team A) and Alex (all teams), seeded by the simulator.");
        return table;
    }

    // ---- one measured action ----

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    private void measure(String action, String caches, Action doIt) throws Exception {
        Map<String, Integer> target = TARGETS.get(action + "|" + caches);
        if (target == null) {
            throw new IllegalStateException("no target for " + action + " (" + caches + ")");
        }
        bench.resetCounters();
        doIt.run();
        Map<String, Integer> measured = SimCalls.count(bench.received(0));
        CallsTable.Row row = new CallsTable.Row(action, caches, target, measured);
        table.add(row);
        Benchmark.log("calls: %-70s %-7s %s%s", action, caches, CallsTable.list(measured),
                row.met() ? "" : "  MISSED: " + CallsTable.difference(row));
    }

    // ---- the widget's requests ----

    private void openProfile(String id, String token) throws IOException {
        ok(get("/api/skill-profiles/" + id, token));
        ok(get("/api/skill-profiles/" + id + "/reverts", token));
    }

    /** @return the change's id */
    private String change(String id, String token, int value, Instant until) throws IOException {
        String body = "{\"activeSkills\":[{\"skillId\":\"" + bench.skill() + "\",\"proficiencyValue\":" + value + "}]"
                + (until == null ? "" : ",\"until\":\"" + until + "\"") + "}";
        return json(ok(patch("/api/skill-profiles/" + id, token, body))).getString("changeId");
    }

    private String agentChange(int value) {
        return "{\"dynamicSkills\":[{\"skillId\":\"" + bench.dynamicSkill() + "\",\"value\":" + value + "}]}";
    }

    /** Polls the pending reverts (no Webex call) until the timer has set the change back. */
    private void awaitReverted(String profile) throws IOException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            if (json(ok(get("/api/skill-profiles/" + profile + "/reverts", allTeams))).getJsonArray("items").isEmpty()) {
                bench.awaitQuiet(); // the revert is taken off the list as it is written: let its calls land
                return;
            }
            LockSupport.parkNanos(200_000_000L);
        }
        throw new IllegalStateException("the timed change was not reverted within 60 s");
    }

    // ---- HTTP ----

    private HttpResponse<String> get(String path, String token) throws IOException {
        return bench.send(HttpRequest.newBuilder(URI.create(bench.base() + path)).GET()
                .header("Authorization", "Bearer " + token));
    }

    private HttpResponse<String> post(String path, String token) throws IOException {
        return bench.send(HttpRequest.newBuilder(URI.create(bench.base() + path))
                .POST(HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + token));
    }

    private HttpResponse<String> patch(String path, String token, String body) throws IOException {
        return bench.send(HttpRequest.newBuilder(URI.create(bench.base() + path))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token));
    }

    private static String ok(HttpResponse<String> r) {
        return status(r, 200);
    }

    private static String status(HttpResponse<String> r, int expected) {
        if (r.statusCode() != expected) {
            throw new IllegalStateException(r.request().method() + " " + r.uri().getPath() + " answered "
                    + r.statusCode() + " (expected " + expected + "): "
                    + r.body().substring(0, Math.min(300, r.body().length())));
        }
        return r.body();
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
