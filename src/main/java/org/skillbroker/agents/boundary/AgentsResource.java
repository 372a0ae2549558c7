package org.skillbroker.agents.boundary;

import org.skillbroker.web.ListQuery;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import org.skillbroker.Broker;
import org.skillbroker.Jsonp;
import org.skillbroker.api.ApiCall;
import org.skillbroker.api.Reply;
import org.skillbroker.api.Routes;
import org.skillbroker.agents.control.AgentChangeParser;
import org.skillbroker.agents.control.AgentEditor;
import org.skillbroker.agents.control.AgentRoster;
import org.skillbroker.agents.entity.Agent;
import org.skillbroker.audit.ChangeAttempt;
import org.skillbroker.caller.Caller;
import org.skillbroker.changes.boundary.ChangeApi;
import org.skillbroker.problem.ApiException;
import org.skillbroker.problem.Problem;
import org.skillbroker.problem.ProblemMapper;
import org.skillbroker.skills.boundary.BoundedBody;
import org.skillbroker.skills.control.Ids;
import org.skillbroker.webex.SkillsClient;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/agents}: the agents the calling supervisor may manage, and changes to their own skill profile and
 * dynamic skills. Validates, asks who is calling, delegates, answers; every change of an identified caller is
 * audited per agent whatever its outcome.
 */
public final class AgentsResource {

    static final int PAGE_SIZE = 25;
    /** History, undo and reverts of an agent: the caller admitted, and their roster read, as for the agent itself. */
    private static final ChangeApi CHANGES = new ChangeApi(id -> id(id, "id"), Broker.Running::agentChanges,
            (broker, authorization, address) -> {
                Caller caller = broker.callers().admit(authorization, address);
                roster(broker, caller, authorization);
                return caller;
            });

    private AgentsResource() {
    }

    /**
     * The agents' routes, and {@code {id}/history…} and {@code {id}/reverts…}: the one mechanism of
     * org.skillbroker.changes, for agents; the caller's roster is read first (a token Contact Center refused is
     * forgotten at once).
     */
    public static void register(Routes routes) {
        routes.get("agents", AgentsResource::list)
                .patch("agents", AgentsResource::bulk)
                .get("agents/{id}", AgentsResource::get)
                .patch("agents/{id}", AgentsResource::patch);
        CHANGES.register(routes, "agents");
    }

    private static Reply list(ApiCall call) {
        String search = call.query("search");
        String team = call.query("team");
        String page = call.query("page");
        String text = ListQuery.search(search).toLowerCase(Locale.ROOT);
        Optional<String> teamId = team == null || team.isEmpty() ? Optional.empty() : Optional.of(id(team, "team"));
        int pageNumber = ListQuery.page(page);
        Broker.Running broker = call.broker();
        Caller caller = admit(broker, call);
        AgentRoster.Roster roster = roster(broker, caller, call.authorization());
        List<Agent> matching = roster.agents().values().stream()
                .filter(a -> teamId.isEmpty() || a.teamIds().contains(teamId.get()))
                .filter(a -> text.isEmpty() || a.name().toLowerCase(Locale.ROOT).contains(text)
                        || a.email().toLowerCase(Locale.ROOT).contains(text))
                .toList();
        AgentJson.Names names = names(broker);
        JsonArrayBuilder agents = Jsonp.createArrayBuilder();
        matching.stream().skip((long) pageNumber * PAGE_SIZE).limit(PAGE_SIZE)
                .forEach(a -> agents.add(AgentJson.agent(a, names)));
        JsonArrayBuilder teams = Jsonp.createArrayBuilder();
        roster.agents().values().stream().flatMap(a -> a.teamIds().stream()).distinct()
                .map(id -> Map.entry(id, names.teams().containsKey(id) ? names.teams().get(id).name() : ""))
                .sorted(Map.Entry.comparingByValue())
                .forEach(e -> teams.add(Jsonp.createObjectBuilder().add("id", e.getKey()).add("name", e.getValue())));
        return Reply.ok(Jsonp.createObjectBuilder()
                .add("agents", agents)
                .add("page", pageNumber)
                .add("pageSize", PAGE_SIZE)
                .add("total", matching.size())
                .add("hasMore", (long) (pageNumber + 1) * PAGE_SIZE < matching.size())
                .add("decidedBy", roster.decidedBy())
                .add("teams", teams)
                .add("assignableProfiles", assignableProfiles(broker, names))
                .add("dynamicSkills", dynamicSkills(broker, names))
                .build());
    }

    private static Reply get(ApiCall call) {
        String agentId = id(call.path("id"), "id");
        Broker.Running broker = call.broker();
        Caller caller = admit(broker, call);
        Agent agent = roster(broker, caller, call.authorization()).agent(agentId).orElseThrow(AgentEditor::outsideScope);
        return Reply.ok(AgentJson.agent(agent, names(broker)));
    }

    private static Reply patch(ApiCall call) {
        String id = call.path("id");
        Broker.Running broker = call.broker();
        ChangeAttempt attempt = new ChangeAttempt(call.clientAddress());
        Caller caller = null;
        boolean audited = false;
        try {
            attempt.resource(AgentEditor.KIND, id == null || id.length() > 64 ? "" : id, "");
            String agentId = id(id, "id");
            int max = broker.settings().api().maxBodyBytes();
            BoundedBody.checkDeclared(call.declaredLength(), max);
            caller = admit(broker, call);
            identify(attempt, caller);
            AgentChangeParser.Change change = AgentChangeParser.single(BoundedBody.read(call.body(), max));
            // checked before any Webex call: a bad time costs nothing
            Optional<Instant> until = change.until().map(broker.changes()::checkUntil);
            roster(broker, caller, call.authorization());
            AgentEditor.Outcome outcome = broker.agentEditor().change(caller, List.of(agentId), change.targets())
                    .get(0);
            ChangeAttempt line = record(broker, caller, outcome, until, call.clientAddress());
            audited = true;
            if (outcome.problem().isPresent()) {
                throw outcome.problem().get();
            }
            var answer = Jsonp.createObjectBuilder(AgentJson.agent(outcome.after().orElseThrow(), names(broker)))
                    .add("changeId", line.changeId());
            if (until.isPresent() && !outcome.changes().isEmpty()) {
                answer.add("revertAt", until.get().toString());
            }
            return Reply.ok(answer.build());
        } catch (RuntimeException e) {
            ApiException problem = ProblemMapper.translate(e);
            if (caller == null) {
                broker.requestMetrics().unidentified(kind(problem)); // a stranger's request writes nothing to disk
            } else if (!audited) {
                broker.audit().record(attempt, kind(problem), problem.problem().status());
            }
            throw problem;
        }
    }

    /** The same change for up to 50 agents: per-agent results, partial success reported as such. */
    private static Reply bulk(ApiCall call) {
        Broker.Running broker = call.broker();
        ChangeAttempt attempt = new ChangeAttempt(call.clientAddress());
        Caller caller = null;
        boolean audited = false;
        try {
            int max = broker.settings().api().maxBodyBytes();
            BoundedBody.checkDeclared(call.declaredLength(), max);
            caller = admit(broker, call);
            identify(attempt, caller);
            AgentChangeParser.Bulk bulk = AgentChangeParser.bulk(BoundedBody.read(call.body(), max));
            Optional<Instant> until = bulk.change().until().map(broker.changes()::checkUntil);
            roster(broker, caller, call.authorization());
            List<AgentEditor.Outcome> outcomes = broker.agentEditor().change(caller, bulk.agentIds(),
                    bulk.change().targets());
            JsonArrayBuilder results = Jsonp.createArrayBuilder();
            long retryAfter = 0;
            int succeeded = 0;
            for (AgentEditor.Outcome outcome : outcomes) {
                ChangeAttempt line = record(broker, caller, outcome, until, call.clientAddress());
                results.add(Jsonp.createObjectBuilder(AgentJson.outcome(outcome)).add("changeId", line.changeId()));
                succeeded += outcome.problem().isEmpty() ? 1 : 0;
                if ("not-attempted".equals(outcome.kind())) {
                    retryAfter = Math.max(retryAfter, outcome.problem().get().problem().extensions()
                            .get("retryAfter") instanceof Number n ? n.longValue() : 1);
                }
            }
            audited = true;
            var json = Jsonp.createObjectBuilder().add("results", results).add("succeeded", succeeded)
                    .add("failed", outcomes.size() - succeeded);
            if (retryAfter > 0) {
                json.add("retryAfter", retryAfter);
            }
            return Reply.ok(json.build());
        } catch (RuntimeException e) {
            ApiException problem = ProblemMapper.translate(e);
            if (caller == null) {
                broker.requestMetrics().unidentified(kind(problem));
            } else if (!audited) {
                broker.audit().record(attempt, kind(problem), problem.problem().status());
            }
            throw problem;
        }
    }

    private static void identify(ChangeAttempt attempt, Caller caller) {
        attempt.caller(caller.identity().personUuid(), caller.identity().email(), caller.identity().displayName(),
                caller.identity().orgUuid());
    }

    /**
     * One audit line per agent (who, which agent, each field before → after, what came of it, Webex's trackingId),
     * and for a timed change that was written, its revert in the shared store: the mechanism the skill profiles
     * use. When the revert cannot be stored the change is set back at once and the agent's outcome says so.
     */
    private static ChangeAttempt record(Broker.Running broker, Caller caller, AgentEditor.Outcome outcome,
                                        Optional<Instant> until, String clientAddress) {
        ChangeAttempt line = new ChangeAttempt(clientAddress);
        identify(line, caller);
        line.resource(AgentEditor.KIND, outcome.agentId(), outcome.agentName());
        line.changes(outcome.changes());
        line.trackingId(outcome.trackingId());
        if (until.isPresent() && outcome.problem().isEmpty() && !outcome.changes().isEmpty()) {
            broker.changes().schedule(broker.agentChanges(), line, until.get());
        }
        broker.audit().record(line, outcome.kind(), outcome.status());
        return line;
    }

    private static JsonArrayBuilder assignableProfiles(Broker.Running broker, AgentJson.Names names) {
        JsonArrayBuilder profiles = Jsonp.createArrayBuilder();
        var allowed = broker.settings().api().allowedSkillProfileIds();
        names.profiles().entrySet().stream().filter(e -> allowed.isEmpty() || allowed.contains(e.getKey()))
                .sorted(Map.Entry.comparingByValue(String.CASE_INSENSITIVE_ORDER))
                .forEach(e -> profiles.add(Jsonp.createObjectBuilder().add("id", e.getKey()).add("name", e.getValue())));
        return profiles;
    }

    /** The skills that may be given to one agent here: dynamic, allowed, of a type the broker sets. */
    private static JsonArrayBuilder dynamicSkills(Broker.Running broker, AgentJson.Names names) {
        JsonArrayBuilder skills = Jsonp.createArrayBuilder();
        var allowed = broker.settings().api().allowedSkillIds();
        names.skills().values().stream()
                .filter(s -> s.dynamic() && List.of("PROFICIENCY", "BOOLEAN", "TEXT", "ENUM").contains(s.type()))
                .filter(s -> !"ENUM".equals(s.type()) || !s.values().isEmpty())
                .filter(s -> allowed.isEmpty() || allowed.contains(s.id().toLowerCase(Locale.ROOT)))
                .sorted((a, b) -> a.name().compareToIgnoreCase(b.name()))
                .forEach(s -> {
                    var skill = Jsonp.createObjectBuilder().add("id", s.id().toLowerCase(Locale.ROOT))
                            .add("name", s.name()).add("type", s.type());
                    if ("ENUM".equals(s.type())) {
                        skill.add("values", Jsonp.createArrayBuilder(s.values().stream()
                                .map(org.skillbroker.webex.SkillsClient.EnumValue::name).toList()));
                    }
                    skills.add(skill);
                });
        return skills;
    }

    private static AgentJson.Names names(Broker.Running broker) {
        Map<String, SkillsClient.Skill> skills = new HashMap<>();
        broker.skillDirectory().all().forEach(s -> skills.put(s.id().toLowerCase(Locale.ROOT), s));
        return new AgentJson.Names(broker.orgCatalog().teams(), broker.orgCatalog().profiles(), skills);
    }

    private static Caller admit(Broker.Running broker, ApiCall call) {
        return broker.callers().admit(call.authorization(), call.clientAddress());
    }

    private static AgentRoster.Roster roster(Broker.Running broker, Caller caller, List<String> authorization) {
        try {
            return broker.agentRoster().of(caller);
        } catch (AgentRoster.CallerTokenRejected e) {
            throw broker.callers().revoked(authorization);
        }
    }

    private static String kind(ApiException problem) {
        return problem.problem().type().substring(Problem.TYPE_PREFIX.length());
    }

    private static String id(String id, String field) {
        if (!Ids.isUuid(id)) {
            throw ApiException.of("invalid-id", "Invalid id", 400, "An agent or team id is a UUID.")
                    .with("field", field);
        }
        return Ids.normalize(id);
    }

}
