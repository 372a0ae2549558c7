package org.skillbroker.agents.control;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.skillbroker.agents.entity.Agent;
import org.skillbroker.audit.ChangeAttempt;
import org.skillbroker.budget.Prepaid;
import org.skillbroker.caller.Caller;
import org.skillbroker.changes.Changeable;
import org.skillbroker.changes.FieldChange;
import org.skillbroker.config.Settings;
import org.skillbroker.problem.ApiException;
import org.skillbroker.problem.ProblemMapper;
import org.skillbroker.skills.control.SkillDirectory;
import org.skillbroker.token.AdminCalls;
import org.skillbroker.webex.AgentsClient;
import org.skillbroker.webex.SkillsClient;
import org.skillbroker.webex.WebexRateLimitedException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Changes agents with Contact Center's {@code PATCH /user/{id}/reskill} (webex-contract.md §4), one agent or a
 * batch alike:
 * <ol>
 * <li>the change itself is checked once: the profile exists and is allowed here, each skill exists, is allowed, may
 *     be given to one agent ({@code dynamicSkill}) and gets a value of its type;</li>
 * <li>each agent must be in the caller's roster ({@link AgentRoster}), else it is refused alone;</li>
 * <li>the agents are read fresh in one call (by id), only what differs is sent, one reskill per agent;</li>
 * <li>they are read again in one call, paid for before the first write: a change Contact Center answered 204
 *     without applying is reported ({@code change-not-applied}), never assumed;</li>
 * <li>when the shared budget (or a 429) stops the batch, the agents not yet reached are reported as such with the
 *     time to wait, so the widget resumes them then.</li>
 * </ol>
 */
public final class AgentEditor {

    /** What came of one agent. */
    public record Outcome(String agentId, String agentName, List<FieldChange> changes, Optional<Agent> after,
                          String trackingId, Optional<ApiException> problem) {
        public Outcome {
            changes = List.copyOf(changes);
        }

        /** {@code changed}, {@code unchanged}, or the problem's kind. */
        public String kind() {
            return problem.map(p -> p.problem().type().substring(org.skillbroker.problem.Problem.TYPE_PREFIX.length()))
                    .orElse(changes.isEmpty() ? "unchanged" : "changed");
        }

        public int status() {
            return problem.map(p -> p.problem().status()).orElse(200);
        }
    }

    private final Settings.Api api;
    private final AgentsClient client;
    private final AgentRoster roster;
    private final OrgCatalog catalog;
    private final SkillDirectory skills;
    private final AdminCalls admin;
    private final Supplier<String> adminOrg;

    public AgentEditor(Settings.Api api, AgentsClient client, AgentRoster roster, OrgCatalog catalog,
                       SkillDirectory skills, AdminCalls admin, Supplier<String> adminOrg) {
        this.api = Objects.requireNonNull(api, "api");
        this.client = Objects.requireNonNull(client, "client");
        this.roster = Objects.requireNonNull(roster, "roster");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.skills = Objects.requireNonNull(skills, "skills");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.adminOrg = Objects.requireNonNull(adminOrg, "adminOrg");
    }

    /**
     * @throws ApiException when the change itself is refused (for every agent alike)
     */
    public List<Outcome> change(Caller caller, List<String> agentIds, Map<String, JsonValue> targets) {
        Map<String, SkillsClient.Skill> described = validated(targets);
        AgentRoster.Roster mine = roster.of(caller);
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        List<String> inScope = new ArrayList<>();
        for (String id : agentIds) {
            if (mine.agent(id).isPresent()) {
                inScope.add(id);
            } else {
                outcomes.put(id, refused(id, outsideScope()));
            }
        }
        String org = adminOrg.get();
        Map<String, Agent> fresh = read(org, inScope);
        List<String> written = new ArrayList<>();
        Map<String, Map<String, JsonValue>> before = new HashMap<>();
        Map<String, String> tracking = new HashMap<>();
        ApiException stopped = null;
        Prepaid readBack = null;
        for (String id : inScope) {
            Agent agent = fresh.get(id);
            if (agent == null) {
                outcomes.put(id, refused(id, ApiException.of("agent-not-found", "Agent not found", 404,
                        "Contact Center no longer has this agent.")));
                continue;
            }
            if (stopped != null) {
                outcomes.put(id, new Outcome(id, agent.name(), List.of(), Optional.empty(), "", Optional.of(stopped)));
                continue;
            }
            Map<String, JsonValue> now = agent.values(targets.keySet(), described);
            if (now.containsValue(Agent.UNREADABLE)) {
                outcomes.put(id, new Outcome(id, agent.name(), List.of(), Optional.of(agent), "", Optional.of(
                        unreadable())));
                continue;
            }
            Map<String, JsonValue> differing = new LinkedHashMap<>();
            targets.forEach((field, value) -> {
                if (!FieldChange.same(now.get(field), value)) {
                    differing.put(field, value);
                }
            });
            if (differing.isEmpty()) {
                outcomes.put(id, new Outcome(id, agent.name(), List.of(), Optional.of(agent), "", Optional.empty()));
                continue;
            }
            try {
                if (readBack == null) {
                    // the read-back's call is taken before the first write: writes never stay unconfirmed for want
                    // of the budget they themselves spent
                    readBack = admin.prepay();
                }
                tracking.put(id, admin.write(token -> client.reskill(token, org, id, request(differing, described, api.enumValueForm()))));
                written.add(id);
                before.put(id, now);
            } catch (WebexRateLimitedException e) {
                // the shared budget (or Contact Center's limit) is spent: this and every later agent wait
                stopped = ApiException.of("not-attempted", "Not attempted yet", 503, "The Contact Center call "
                        + "budget is spent for now; this agent was not changed. Try again in " + e.retryAfter()
                        .toSeconds() + " s.").with("retryAfter", e.retryAfter().toSeconds())
                        .withHeader("Retry-After", Long.toString(e.retryAfter().toSeconds()));
                outcomes.put(id, new Outcome(id, agent.name(), List.of(), Optional.empty(), "", Optional.of(stopped)));
            } catch (org.skillbroker.webex.WebexNotFoundException e) {
                outcomes.put(id, refused(id, ApiException.of("agent-not-found", "Agent not found", 404,
                        "Contact Center no longer has this agent.")));
            } catch (org.skillbroker.webex.WebexRejectedException e) {
                // Contact Center's own refusal (400): its words are not echoed, its trackingId is
                outcomes.put(id, new Outcome(id, agent.name(), List.of(), Optional.empty(), e.trackingId().orElse(""),
                        Optional.of(ApiException.of("contact-center-refused", "Contact Center refused the change",
                                422, "Contact Center refused this change for the agent (HTTP " + e.status() + "). "
                                        + "Nothing was changed. The operator can ask Cisco support with the "
                                        + "trackingId.").with("trackingId", e.trackingId().orElse("")))));
            } catch (RuntimeException e) {
                outcomes.put(id, new Outcome(id, agent.name(), List.of(), Optional.empty(), "",
                        Optional.of(ProblemMapper.translate(e))));
            }
        }
        verify(caller, org, written, before, targets, described, fresh, tracking, outcomes, readBack);
        List<Outcome> ordered = new ArrayList<>();
        agentIds.forEach(id -> ordered.add(outcomes.get(id)));
        return ordered;
    }

    /** Reads the written agents back in one call; a value not as asked is reported, never assumed. */
    private void verify(Caller caller, String org, List<String> written, Map<String, Map<String, JsonValue>> before,
                        Map<String, JsonValue> targets,
                        Map<String, SkillsClient.Skill> described, Map<String, Agent> fresh,
                        Map<String, String> tracking, Map<String, Outcome> outcomes, Prepaid readBack) {
        if (written.isEmpty()) {
            return;
        }
        Map<String, Agent> after;
        try {
            after = read(readBack, org, written);
        } catch (RuntimeException e) {
            for (String id : written) {
                outcomes.put(id, new Outcome(id, fresh.get(id).name(), List.of(), Optional.empty(), tracking.get(id),
                        Optional.of(ApiException.of("change-not-verified", "Change not verified", 502,
                                "Contact Center accepted the change but could not be read back to confirm it; "
                                        + "reload the agent to see what it holds.")
                                .with("trackingId", tracking.get(id)))));
            }
            return;
        }
        for (String id : written) {
            Agent agent = after.get(id);
            Map<String, JsonValue> now = agent == null ? Map.of() : agent.values(targets.keySet(), described);
            boolean applied = agent != null && targets.entrySet().stream()
                    .allMatch(t -> FieldChange.same(now.get(t.getKey()), t.getValue()));
            List<FieldChange> changes = new ArrayList<>();
            if (agent != null) {
                before.get(id).forEach((field, was) -> {
                    if (!FieldChange.same(was, now.get(field))) {
                        changes.add(new FieldChange(field, label(field, described), was, now.get(field)));
                    }
                });
                roster.updated(caller, agent);
            }
            Optional<ApiException> problem = applied ? Optional.empty() : Optional.of(ApiException.of(
                    "change-not-applied", "Contact Center did not apply the change", 502, "Contact Center "
                            + "accepted the change but the agent does not hold it. The operator can ask Cisco "
                            + "support with the trackingId.").with("trackingId", tracking.get(id)));
            outcomes.put(id, new Outcome(id, fresh.get(id).name(), changes, Optional.ofNullable(agent),
                    tracking.get(id), problem));
        }
    }

    /**
     * Sets an agent's fields back (an undo or a timed revert, see {@link org.skillbroker.changes.Changeable}): each
     * field still as the change left it goes back to its value before; one already back needs nothing; one that
     * moved on since refuses the whole undo ({@code moved-on}) or is left alone (a timed revert). One reskill for
     * what is left, asked of {@code fence} right before, and read back.
     */
    public Changeable.Restored restore(String agentId, List<FieldChange> changes,
                                                               Changeable.Policy policy,
                                                               java.util.function.BooleanSupplier fence,
                                                               ChangeAttempt attempt) {
        String org = adminOrg.get();
        Map<String, JsonValue> targets = new LinkedHashMap<>();
        changes.forEach(c -> targets.put(c.field(), c.before()));
        Map<String, SkillsClient.Skill> described = skills.describe(targets.keySet().stream()
                .filter(f -> f.startsWith(Agent.DYNAMIC_PREFIX)).map(f -> f.substring(Agent.DYNAMIC_PREFIX.length()))
                .toList());
        Agent agent = read(org, List.of(agentId)).get(agentId);
        if (agent == null) {
            throw ApiException.of("agent-not-found", "Agent not found", 404, "Contact Center no longer has this agent.");
        }
        attempt.resource(KIND, agentId, agent.name());
        Map<String, JsonValue> now = agent.values(targets.keySet(), described);
        List<FieldChange> restored = new ArrayList<>();
        List<FieldChange> skipped = new ArrayList<>();
        Map<String, JsonValue> todo = new LinkedHashMap<>();
        List<FieldChange> written = new ArrayList<>();
        for (FieldChange change : changes) {
            JsonValue current = now.get(change.field());
            if (FieldChange.same(current, change.before())) {
                restored.add(change); // already back: nothing to write for it
            } else if (FieldChange.same(current, change.after())) {
                todo.put(change.field(), change.before());
                written.add(new FieldChange(change.field(), change.label(), current, change.before()));
                restored.add(change);
            } else if (policy == Changeable.Policy.ALL) {
                throw ApiException.of("moved-on", "Changed again since", 409, "The value of "
                        + (change.label().isEmpty() ? change.field() : change.label()) + " is now "
                        + FieldChange.text(current) + ", not " + FieldChange.text(change.after())
                        + " as this change left it: someone changed it since. Nothing was changed.")
                        .with("field", change.field());
            } else {
                skipped.add(change); // changed by someone since: left alone
            }
        }
        attempt.changes(written);
        if (todo.isEmpty()) {
            return new Changeable.Restored(restored, skipped, false);
        }
        if (!fence.getAsBoolean()) {
            throw ApiException.of("busy", "Busy", 503, "Another node took over this change; nothing was written.")
                    .withHeader("Retry-After", "5");
        }
        Prepaid readBack = admin.prepay();
        attempt.trackingId(admin.write(token -> client.reskill(token, org, agentId, request(todo, described, api.enumValueForm()))));
        Agent after = read(readBack, org, List.of(agentId)).get(agentId);
        Map<String, JsonValue> back = after == null ? Map.of() : after.values(todo.keySet(), described);
        if (after == null || !todo.entrySet().stream().allMatch(t -> FieldChange.same(back.get(t.getKey()), t.getValue()))) {
            throw ApiException.of("change-not-applied", "Contact Center did not apply the change", 502,
                    "Contact Center accepted the change but the agent does not hold it. The operator can ask Cisco "
                            + "support with the trackingId.").with("trackingId", attempt.trackingId());
        }
        return new Changeable.Restored(restored, skipped, true);
    }

    /** The agents' kind in the audit trail and in pending reverts. */
    public static final String KIND = "agent";

    private Map<String, Agent> read(String org, List<String> ids) {
        return read(null, org, ids);
    }

    private Map<String, Agent> read(Prepaid prepaid, String org, List<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, Agent> byId = new HashMap<>();
        admin.read(prepaid, token -> client.byIds(token, org, ids)).stream().map(Agent::from)
                .forEach(a -> byId.put(a.id(), a));
        return byId;
    }

    /**
     * The change checked once for all agents: the profile exists and is allowed; each skill exists, is allowed,
     * may be given to one agent, and the value fits its type.
     */
    Map<String, SkillsClient.Skill> validated(Map<String, JsonValue> targets) {
        if (targets.get(Agent.PROFILE_FIELD) instanceof JsonString profile) {
            String id = profile.getString();
            if (!api.allowedSkillProfileIds().isEmpty() && !api.allowedSkillProfileIds().contains(id)) {
                throw ApiException.of("profile-not-allowed", "Skill profile not assignable here", 403,
                        "This broker is configured not to assign this skill profile. Ask the broker's operator.")
                        .with("skillProfileId", id);
            }
            if (catalog.profileName(id).isEmpty()) {
                throw ApiException.of("unknown-profile", "Unknown skill profile", 400,
                        "Contact Center has no skill profile " + id + ".").with("skillProfileId", id);
            }
        }
        List<String> skillIds = targets.keySet().stream().filter(f -> f.startsWith(Agent.DYNAMIC_PREFIX))
                .map(f -> f.substring(Agent.DYNAMIC_PREFIX.length())).toList();
        if (skillIds.isEmpty()) {
            return Map.of();
        }
        for (String skillId : skillIds) {
            if (!api.allowedSkillIds().isEmpty() && !api.allowedSkillIds().contains(skillId)) {
                throw ApiException.of("skill-not-allowed", "Skill not editable here", 403, "This broker is "
                        + "configured not to change skill " + skillId + ". Ask the broker's operator.")
                        .with("skillId", skillId);
            }
        }
        // from the org's skill list (loaded once per skill-cache lifetime), never fetched by id: made-up skill ids
        // cost no Contact Center call; a skill created since the last load waits for the next one
        Map<String, SkillsClient.Skill> all = new HashMap<>();
        skills.all().forEach(k -> all.put(k.id().toLowerCase(Locale.ROOT), k));
        Map<String, SkillsClient.Skill> described = new HashMap<>();
        skillIds.stream().filter(all::containsKey).forEach(id -> described.put(id, all.get(id)));
        for (String skillId : skillIds) {
            SkillsClient.Skill skill = described.get(skillId);
            JsonValue value = targets.get(Agent.DYNAMIC_PREFIX + skillId);
            if (skill == null) {
                throw ApiException.of("unknown-skill", "Unknown skill", 400, "Contact Center has no skill "
                        + skillId + ".").with("skillId", skillId);
            }
            if (value == JsonValue.NULL) {
                continue; // taking a skill away needs no type
            }
            if (!skill.dynamic()) {
                throw ApiException.of("not-a-dynamic-skill", "Not a dynamic skill", 400, "Skill " + skill.name()
                        + " is not marked as a dynamic skill in Contact Center, so it cannot be given to one agent.")
                        .with("skillId", skillId);
            }
            String field = "dynamicSkills[" + skillId + "].value";
            boolean fits = switch (skill.type()) {
                case "PROFICIENCY" -> value instanceof JsonNumber;
                case "BOOLEAN" -> value == JsonValue.TRUE || value == JsonValue.FALSE;
                case "TEXT" -> value instanceof JsonString;
                case "ENUM" -> value instanceof JsonString name && skill.valueNamed(name.getString()).isPresent();
                default -> throw ApiException.of("unsupported-skill-type", "Skill type not supported", 400,
                        "Skill " + skill.name() + " is of type " + skill.type() + "; the broker gives agents "
                                + "proficiency, boolean, text and list (enum) skills only.").with("skillId", skillId);
            };
            if (!fits) {
                throw AgentChangeParser.invalidValue(field, "Skill " + skill.name() + " is a "
                        + ("ENUM".equals(skill.type()) ? "list" : skill.type().toLowerCase(Locale.ROOT)) + " skill: " + switch (skill.type()) {
                            case "PROFICIENCY" -> "its value is a whole number from 0 to 10.";
                            case "BOOLEAN" -> "its value is true or false.";
                            case "ENUM" -> "its value is one of " + String.join(", ", skill.values().stream()
                                    .map(SkillsClient.EnumValue::name).toList()) + ".";
                            default -> "its value is a text of at most " + AgentChangeParser.MAX_TEXT
                                    + " characters.";
                        }).with("skillId", skillId);
            }
        }
        return described;
    }

    /**
     * The ReSkillAgentRequestDTO for the differing fields. An own profile is taken away with
     * {@code "skillProfileId": ""}: the schema leaves no other way (null is not a string, an absent one means
     * "unchanged"); whether Contact Center honours it is not published, so the read-back decides. An enum value is
     * named by its id or its name ({@code form}), which Cisco does not say either; the read-back decides again.
     */
    static JsonObject request(Map<String, JsonValue> differing, Map<String, SkillsClient.Skill> skills,
                              Settings.EnumValueForm form) {
        JsonObjectBuilder body = Json.createObjectBuilder();
        JsonArrayBuilder add = Json.createArrayBuilder();
        JsonArrayBuilder remove = Json.createArrayBuilder();
        boolean adds = false;
        boolean removes = false;
        for (Map.Entry<String, JsonValue> e : differing.entrySet()) {
            if (Agent.PROFILE_FIELD.equals(e.getKey())) {
                body.add("skillProfileId", e.getValue() instanceof JsonString s ? s.getString() : "");
                continue;
            }
            String skillId = e.getKey().substring(Agent.DYNAMIC_PREFIX.length());
            if (e.getValue() == JsonValue.NULL) {
                remove.add(skillId);
                removes = true;
            } else {
                SkillsClient.Skill skill = skills.get(skillId);
                JsonObjectBuilder item = Json.createObjectBuilder().add("skillId", skillId);
                switch (skill.type()) {
                    case "PROFICIENCY" -> item.add("proficiencyValue", e.getValue());
                    case "BOOLEAN" -> item.add("booleanValue", e.getValue());
                    case "ENUM" -> {
                        SkillsClient.EnumValue value = skill.valueNamed(((JsonString) e.getValue()).getString())
                                .orElseThrow(() -> ApiException.of("unknown-enum-value", "Unknown list value", 409,
                                        "Skill " + skill.name() + " no longer offers this value."));
                        item.add("enumSkillValues", Json.createArrayBuilder()
                                .add(form == Settings.EnumValueForm.NAME ? value.name() : value.id()));
                    }
                    default -> item.add("textValue", e.getValue());
                }
                add.add(item);
                adds = true;
            }
        }
        if (adds || removes) {
            JsonObjectBuilder dynamic = Json.createObjectBuilder();
            if (adds) {
                dynamic.add("add", add);
            }
            if (removes) {
                dynamic.add("remove", remove);
            }
            body.add("dynamicSkills", dynamic);
        }
        return body.build();
    }

    /** An enum value Contact Center shows that the broker cannot name: changing it would be a guess. */
    private static ApiException unreadable() {
        return ApiException.of("value-unreadable", "Current value not readable", 409, "Contact Center shows a list "
                + "value for this agent's skill that the broker cannot match to one of the skill's values. Nothing was "
                + "changed; change it in Control Hub.");
    }

    private static String label(String field, Map<String, SkillsClient.Skill> described) {
        if (Agent.PROFILE_FIELD.equals(field)) {
            return "Skill profile";
        }
        SkillsClient.Skill skill = described.get(field.substring(Agent.DYNAMIC_PREFIX.length()));
        return skill == null ? "" : skill.name();
    }

    private static Outcome refused(String id, ApiException problem) {
        return new Outcome(id, "", List.of(), Optional.empty(), "", Optional.of(problem));
    }

    /** The same answer for an agent outside the caller's scope and one that does not exist: nothing to probe. */
    public static ApiException outsideScope() {
        return ApiException.of("agent-outside-your-scope", "Agent outside your scope", 403,
                "This agent is not one Contact Center lets you manage (or your teams' rule does not reach them).");
    }
}
