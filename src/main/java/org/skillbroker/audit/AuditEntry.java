package org.skillbroker.audit;

import org.skillbroker.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.skillbroker.skills.entity.ChangedSkill;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
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

    /**
     * Reads a line written by {@link #toJson()} back, as the stores' history queries do.
     *
     * @throws IllegalArgumentException if it is not such a line (a torn last line after a crash, say)
     */
    public static AuditEntry fromJson(String line) {
        try (JsonReader reader = Jsonp.createReader(new StringReader(line))) {
            JsonObject o = reader.readObject();
            JsonObject caller = o.getJsonObject("caller");
            JsonObject profile = o.getJsonObject("profile");
            List<ChangedSkill> skills = new ArrayList<>();
            for (JsonValue v : o.getJsonArray("changes")) {
                JsonObject c = v.asJsonObject();
                Integer from = c.isNull("from") ? null : c.getInt("from");
                skills.add(new ChangedSkill(c.getString("skillId"), c.getString("skillName"), from, c.getInt("to")));
            }
            return new AuditEntry(Instant.parse(o.getString("time")), caller.getString("personId"),
                    caller.getString("email"), caller.getString("name"), o.getString("org"), profile.getString("id"),
                    profile.getString("name"), skills, o.getString("outcome"), o.getInt("status"),
                    o.getString("trackingId"), o.getString("clientAddress"));
        } catch (RuntimeException e) {
            // no cause and no content: a line may be anything
            throw new IllegalArgumentException("not an audit line");
        }
    }

    public static AuditEntry of(Instant time, ChangeAttempt a, String outcome, int status) {
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
