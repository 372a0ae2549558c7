package org.skillbroker.agents.boundary;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.skillbroker.Jsonp;
import org.skillbroker.agents.control.AgentEditor;
import org.skillbroker.agents.control.OrgCatalog;
import org.skillbroker.agents.entity.Agent;
import org.skillbroker.changes.FieldChange;
import org.skillbroker.webex.SkillsClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Agents view's JSON: ids, names and values only. */
final class AgentJson {

    /** What the view needs to name things: teams, profiles and skills by id. */
    record Names(Map<String, OrgCatalog.Team> teams, Map<String, String> profiles,
                 Map<String, SkillsClient.Skill> skills) {
    }

    private AgentJson() {
    }

    static JsonObject agent(Agent agent, Names names) {
        JsonArrayBuilder teams = Jsonp.createArrayBuilder();
        for (String teamId : agent.teamIds()) {
            OrgCatalog.Team team = names.teams().get(teamId);
            teams.add(Jsonp.createObjectBuilder().add("id", teamId).add("name", team == null ? "" : team.name()));
        }
        JsonArrayBuilder effective = Jsonp.createArrayBuilder();
        if (!agent.ownProfileId().isEmpty()) {
            effective.add(profile(agent.ownProfileId(), names).add("source", "agent"));
        } else {
            // a user's own profile overrides their team's (webex-contract.md §2); without one, each team's applies
            // while they work in that team
            Map<String, List<String>> byProfile = new LinkedHashMap<>();
            for (String teamId : agent.teamIds()) {
                OrgCatalog.Team team = names.teams().get(teamId);
                if (team != null && !team.skillProfileId().isEmpty()) {
                    byProfile.computeIfAbsent(team.skillProfileId(), k -> new ArrayList<>()).add(teamId);
                }
            }
            byProfile.forEach((profileId, teamIds) -> effective.add(profile(profileId, names).add("source", "team")
                    .add("teamIds", Jsonp.createArrayBuilder(teamIds))));
        }
        JsonArrayBuilder dynamic = Jsonp.createArrayBuilder();
        for (Agent.DynamicSkill skill : agent.dynamicSkills()) {
            SkillsClient.Skill info = names.skills().get(skill.skillId());
            String type = info == null ? "UNKNOWN" : info.type();
            JsonValue value = skill.value(info);
            JsonObjectBuilder json = Jsonp.createObjectBuilder().add("skillId", skill.skillId())
                    .add("name", info == null ? "" : info.name()).add("type", type)
                    .add("value", value == Agent.UNREADABLE ? JsonValue.NULL : value);
            if (value == Agent.UNREADABLE) {
                json.add("unreadable", true); // an enum value the broker cannot name: shown as such, never changed
            }
            dynamic.add(json);
        }
        return Jsonp.createObjectBuilder()
                .add("id", agent.id())
                .add("name", agent.name())
                .add("email", agent.email())
                .add("active", agent.active())
                .add("teams", teams)
                .add("ownSkillProfile", agent.ownProfileId().isEmpty() ? JsonValue.NULL
                        : profile(agent.ownProfileId(), names).build())
                .add("effectiveSkillProfiles", effective)
                .add("dynamicSkills", dynamic)
                .build();
    }

    private static JsonObjectBuilder profile(String id, Names names) {
        return Jsonp.createObjectBuilder().add("id", id).add("name", names.profiles().getOrDefault(id, ""));
    }

    static JsonObject outcome(AgentEditor.Outcome outcome) {
        JsonObjectBuilder json = Jsonp.createObjectBuilder().add("agentId", outcome.agentId())
                .add("name", outcome.agentName()).add("outcome", outcome.kind()).add("status", outcome.status());
        outcome.problem().ifPresent(p -> json.add("problem", Jsonp.createReader(new java.io.StringReader(
                p.problem().toJson())).readObject()));
        JsonArrayBuilder changes = Jsonp.createArrayBuilder();
        for (FieldChange c : outcome.changes()) {
            changes.add(Jsonp.createObjectBuilder().add("field", c.field()).add("label", c.label())
                    .add("from", c.before()).add("to", c.after()));
        }
        return json.add("changes", changes).build();
    }
}
