package org.skillbroker.audit;

import org.skillbroker.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import org.skillbroker.skills.entity.ChangedSkill;

import java.time.Instant;
import java.util.List;

/**
 * One line of the audit trail: who tried to change what, from where, and what came of it.
 *
 * @param outcome {@code changed}, {@code unchanged} (the values were already set), or the problem kind that
 *                refused it, e.g. {@code invalid-value}
 */
public record AuditEntry(Instant time, String personId, String email, String name, String org, String profileId,
                         String profileName, List<ChangedSkill> skills, String outcome, int status,
                         String trackingId, String clientAddress) {

    public AuditEntry {
        skills = List.copyOf(skills);
    }

    static AuditEntry of(Instant time, ChangeAttempt a, String outcome, int status) {
        return new AuditEntry(time, a.personId, a.email, a.name, a.org, a.profileId, a.profileName, a.skills,
                outcome, status, a.trackingId, a.clientAddress);
    }

    /** The JSON line: no token ever, only ids, names, values and Webex's trackingId. */
    public String toJson() {
        JsonArrayBuilder changes = Jsonp.createArrayBuilder();
        for (ChangedSkill s : skills) {
            JsonObjectBuilder change = Jsonp.createObjectBuilder().add("skillId", s.skillId()).add("skillName", s.name());
            if (s.before() == null) {
                change.addNull("from");
            } else {
                change.add("from", s.before());
            }
            changes.add(change.add("to", s.after()));
        }
        return Jsonp.createObjectBuilder()
                .add("time", time.toString())
                .add("caller", Jsonp.createObjectBuilder().add("personId", personId).add("email", email).add("name", name))
                .add("org", org)
                .add("profile", Jsonp.createObjectBuilder().add("id", profileId).add("name", profileName))
                .add("changes", changes)
                .add("outcome", outcome)
                .add("status", status)
                .add("trackingId", trackingId)
                .add("clientAddress", clientAddress)
                .build().toString();
    }
}
