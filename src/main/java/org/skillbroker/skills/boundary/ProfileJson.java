package org.skillbroker.skills.boundary;

import org.skillbroker.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.skillbroker.skills.control.ProfileReader;
import org.skillbroker.skills.entity.ProfileSummary;
import org.skillbroker.skills.entity.ProfileView;
import org.skillbroker.skills.entity.SkillValue;

/** The API's JSON shapes; Contact Center's field names stay behind this line. */
final class ProfileJson {

    private ProfileJson() {
    }

    static JsonObject profile(ProfileView view) {
        JsonArrayBuilder skills = Jsonp.createArrayBuilder();
        for (SkillValue skill : view.activeSkills()) {
            JsonObjectBuilder json = Jsonp.createObjectBuilder().add("skillId", skill.skillId()).add("name", skill.name())
                    .add("type", skill.type());
            if (skill.value() instanceof Integer i) {
                json.add("value", i);
            } else if (skill.value() instanceof Boolean b) {
                json.add("value", b);
            } else if (skill.value() instanceof String s) {
                json.add("value", s);
            } else {
                json.addNull("value");
            }
            skills.add(json.add("editable", skill.editable()));
        }
        return Jsonp.createObjectBuilder().add("id", view.id()).add("name", view.name())
                .add("description", view.description()).add("version", view.version())
                .add("activeSkills", skills).build();
    }

    /** Who a change reaches (GET of one profile): see {@code ProfileAccess.Impact}. */
    static JsonObject usage(org.skillbroker.caller.ProfileAccess.Impact impact) {
        JsonArrayBuilder teams = Jsonp.createArrayBuilder();
        for (var team : impact.teams()) {
            JsonObjectBuilder t = Jsonp.createObjectBuilder().add("id", team.id()).add("name", team.name());
            if (team.agents() < 0) {
                t.addNull("agents");
            } else {
                t.add("agents", team.agents());
            }
            teams.add(t.add("outsideYourTeams", team.outsideYourTeams()));
        }
        JsonObjectBuilder usage = Jsonp.createObjectBuilder().add("teams", teams)
                .add("agentsDirect", impact.agentsDirect());
        if (impact.agents().isPresent()) {
            usage.add("agents", impact.agents().getAsInt());
        } else {
            usage.addNull("agents");
        }
        return usage.add("outsideYourTeams", impact.outsideYourTeams()).build();
    }

    static JsonObject list(ProfileReader.ListPage page) {
        JsonArrayBuilder items = Jsonp.createArrayBuilder();
        for (ProfileSummary summary : page.items()) {
            items.add(Jsonp.createObjectBuilder().add("id", summary.id()).add("name", summary.name())
                    .add("description", summary.description()));
        }
        return Jsonp.createObjectBuilder().add("items", items).add("page", page.page())
                .add("hasMore", page.hasMore()).build();
    }
}
