package org.skillbroker.changes;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.skillbroker.Jsonp;
import org.skillbroker.state.PendingRevert;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A timed change waiting to be reverted: what the store keeps as a {@link PendingRevert}'s body (the store
 * treats it as opaque text). Its id is the change's id. Never a token: ids, names and values only.
 *
 * @param changes the change as it was made (before → after); the revert sets each field back to before
 */
public record PendingChange(String id, Instant dueAt, String kind, String resourceId, String resourceName,
                            String personId, String email, String name, String org, Instant scheduledAt,
                            List<FieldChange> changes) {

    public PendingChange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(resourceId, "resourceId");
        changes = List.copyOf(changes);
    }

    public PendingRevert toRevert() {
        JsonArrayBuilder list = Jsonp.createArrayBuilder();
        for (FieldChange c : changes) {
            list.add(Jsonp.createObjectBuilder().add("field", c.field()).add("label", c.label())
                    .add("from", c.before()).add("to", c.after()));
        }
        String body = Jsonp.createObjectBuilder().add("kind", kind).add("resourceId", resourceId)
                .add("resourceName", resourceName)
                .add("by", Jsonp.createObjectBuilder().add("personId", personId).add("email", email).add("name", name)
                        .add("org", org))
                .add("scheduledAt", scheduledAt.toString()).add("changes", list).build().toString();
        return new PendingRevert(id, dueAt, body);
    }

    /** @throws IllegalArgumentException if the body is not one of ours */
    public static PendingChange of(PendingRevert revert) {
        try (JsonReader reader = Jsonp.createReader(new StringReader(revert.body()))) {
            JsonObject o = reader.readObject();
            JsonObject by = o.getJsonObject("by");
            List<FieldChange> changes = new ArrayList<>();
            for (JsonValue v : o.getJsonArray("changes")) {
                JsonObject c = v.asJsonObject();
                changes.add(new FieldChange(c.getString("field"), c.getString("label", ""), c.get("from"), c.get("to")));
            }
            return new PendingChange(revert.id(), revert.dueAt(), o.getString("kind"), o.getString("resourceId"),
                    o.getString("resourceName", ""), by.getString("personId", ""), by.getString("email", ""),
                    by.getString("name", ""), by.getString("org", ""), Instant.parse(o.getString("scheduledAt")),
                    changes);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a pending change");
        }
    }
}
