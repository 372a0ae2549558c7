package org.skillbroker.audit;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.skillbroker.Jsonp;
import org.skillbroker.changes.FieldChange;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One line of the audit trail: who tried to change what, from where, and what came of it. The same shape for
 * every kind of resource ({@link #kind()}: {@code skill-profile}, {@code agent}, ...), so history, undo and
 * timed reverts work alike for all of them.
 *
 * @param kind       the resource's kind; {@code skill-profile} for lines written before kinds existed
 * @param resourceId the resource's id (a skill profile's or an agent's UUID)
 * @param outcome    {@code changed}, {@code unchanged} (the values were already set), {@code reverted},
 *                   {@code superseded}, {@code revert-cancelled}, ..., or the problem kind that refused it
 * @param changeId   this change's id (what undo and a pending revert name); empty on lines of older versions
 * @param cause      why the broker made it: empty for a caller's own change, {@code undo}, {@code revert}
 *                   (timed, by the broker), {@code revert-now} or {@code cancel}
 * @param causeOf    the change id the cause refers to (the undone or reverted change), else empty
 * @param until      for a timed change, when it is to be reverted; null otherwise
 */
public record AuditEntry(Instant time, String personId, String email, String name, String org, String kind,
                         String resourceId, String resourceName, List<FieldChange> changes, String outcome,
                         int status, String trackingId, String clientAddress, String changeId, String cause,
                         String causeOf, Instant until) {

    /** The kind of {@link org.skillbroker.skills} profiles, and of every line written before kinds existed. */
    public static final String SKILL_PROFILE = "skill-profile";

    public AuditEntry {
        changes = List.copyOf(changes);
        kind = kind == null || kind.isEmpty() ? SKILL_PROFILE : kind;
        changeId = changeId == null ? "" : changeId;
        cause = cause == null ? "" : cause;
        causeOf = causeOf == null ? "" : causeOf;
    }

    /** A skill-profile entry without change id or cause (events, tests, lines of older versions). */
    public AuditEntry(Instant time, String personId, String email, String name, String org, String profileId,
                      String profileName, List<FieldChange> changes, String outcome, int status, String trackingId,
                      String clientAddress) {
        this(time, personId, email, name, org, SKILL_PROFILE, profileId, profileName, changes, outcome, status,
                trackingId, clientAddress, "", "", "", null);
    }

    /** The resource's id; the name from the time only skill profiles were audited. */
    public String profileId() {
        return resourceId;
    }

    /** The resource's name; the name from the time only skill profiles were audited. */
    public String profileName() {
        return resourceName;
    }

    public Optional<Instant> untilTime() {
        return Optional.ofNullable(until);
    }

    /**
     * Reads a line written by {@link #toJson()} back (also lines of earlier versions: {@code profile} instead of
     * {@code resource}, {@code skillId}/{@code skillName} instead of {@code field}/{@code label}).
     *
     * @throws IllegalArgumentException if it is not such a line (a torn last line after a crash, say)
     */
    public static AuditEntry fromJson(String line) {
        try (JsonReader reader = Jsonp.createReader(new StringReader(line))) {
            JsonObject o = reader.readObject();
            JsonObject caller = o.getJsonObject("caller");
            JsonObject resource = o.containsKey("resource") ? o.getJsonObject("resource") : o.getJsonObject("profile");
            List<FieldChange> changes = new ArrayList<>();
            for (JsonValue v : o.getJsonArray("changes")) {
                JsonObject c = v.asJsonObject();
                String field = c.containsKey("field") ? c.getString("field") : c.getString("skillId");
                String label = c.containsKey("label") ? c.getString("label") : c.getString("skillName");
                changes.add(new FieldChange(field, label, c.get("from"), c.get("to")));
            }
            Instant until = o.get("until") instanceof JsonString s ? Instant.parse(s.getString()) : null;
            return new AuditEntry(Instant.parse(o.getString("time")), caller.getString("personId"),
                    caller.getString("email"), caller.getString("name"), o.getString("org"),
                    resource.getString("kind", SKILL_PROFILE), resource.getString("id"), resource.getString("name"),
                    changes, o.getString("outcome"), o.getInt("status"), o.getString("trackingId"),
                    o.getString("clientAddress"), o.getString("changeId", ""), o.getString("cause", ""),
                    o.getString("causeOf", ""), until);
        } catch (RuntimeException e) {
            // no cause and no content: a line may be anything
            throw new IllegalArgumentException("not an audit line");
        }
    }

    public static AuditEntry of(Instant time, ChangeAttempt a, String outcome, int status) {
        return new AuditEntry(time, a.personId, a.email, a.name, a.org, a.kind, a.resourceId, a.resourceName,
                a.changes, outcome, status, a.trackingId, a.clientAddress, a.changeId, a.cause, a.causeOf, a.until);
    }

    /** The JSON line: no token ever, only ids, names, values and Webex's trackingId. */
    public String toJson() {
        // A skill profile's line also keeps the names of the format before kinds existed ("profile", "skillId",
        // "skillName"): log collectors that read them, and a node of the older version sharing the store, go on.
        boolean profile = SKILL_PROFILE.equals(kind);
        JsonArrayBuilder list = Jsonp.createArrayBuilder();
        for (FieldChange c : changes) {
            JsonObjectBuilder change = Jsonp.createObjectBuilder().add("field", c.field()).add("label", c.label());
            if (profile) {
                change.add("skillId", c.field()).add("skillName", c.label());
            }
            list.add(change.add("from", c.before()).add("to", c.after()));
        }
        JsonObjectBuilder json = Jsonp.createObjectBuilder()
                .add("time", time.toString())
                .add("caller", Jsonp.createObjectBuilder().add("personId", personId).add("email", email).add("name", name))
                .add("org", org)
                .add("resource", Jsonp.createObjectBuilder().add("kind", kind).add("id", resourceId)
                        .add("name", resourceName));
        if (profile) {
            json.add("profile", Jsonp.createObjectBuilder().add("id", resourceId).add("name", resourceName));
        }
        json.add("changes", list)
                .add("outcome", outcome)
                .add("status", status)
                .add("trackingId", trackingId)
                .add("clientAddress", clientAddress);
        if (!changeId.isEmpty()) {
            json.add("changeId", changeId);
        }
        if (!cause.isEmpty()) {
            json.add("cause", cause).add("causeOf", causeOf);
        }
        if (until != null) {
            json.add("until", until.toString());
        }
        return json.build().toString();
    }
}
