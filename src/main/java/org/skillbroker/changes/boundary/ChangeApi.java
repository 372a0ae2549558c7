package org.skillbroker.changes.boundary;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.skillbroker.Jsonp;
import org.skillbroker.audit.AuditEntry;
import org.skillbroker.audit.ChangeAttempt;
import org.skillbroker.caller.Caller;
import org.skillbroker.changes.Changeable;
import org.skillbroker.changes.Changes;
import org.skillbroker.changes.FieldChange;
import org.skillbroker.changes.PendingChange;
import org.skillbroker.problem.ApiException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The history, undo and pending-revert endpoints of a resource kind, shared: a resource class (skill profiles,
 * agents) admits the caller, checks the id's form, and delegates here with its {@link Changeable}. Answers are
 * JSON objects; problems are thrown as {@link ApiException}.
 *
 * <pre>
 * GET    .../{id}/history?before=&amp;limit=      {"items":[change...],"next":"&lt;instant&gt;"|null}
 * POST   .../{id}/history/{changeId}/undo     {"change":change}
 * GET    .../{id}/reverts                     {"items":[pending...]}
 * DELETE .../{id}/reverts/{changeId}          204
 * POST   .../{id}/reverts/{changeId}/revert   {"outcome":"reverted"|"superseded"}
 * </pre>
 */
public final class ChangeApi {

    private static final Pattern CHANGE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern LIMIT = Pattern.compile("\\d{1,3}");

    private final Changes changes;

    public ChangeApi(Changes changes) {
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    public JsonObject history(Changeable kind, Caller caller, String resourceId, String before, String limit) {
        Optional<Instant> from = before(before);
        int max = limit(limit);
        kind.checkMayChange(caller, resourceId);
        Changes.Page page = changes.history(kind, resourceId, from, max);
        JsonArrayBuilder items = Jsonp.createArrayBuilder();
        for (AuditEntry e : page.items()) {
            JsonObjectBuilder item = Jsonp.createObjectBuilder().add("changeId", e.changeId())
                    .add("time", e.time().toString())
                    .add("by", Jsonp.createObjectBuilder().add("name", e.name()).add("email", e.email()))
                    .add("outcome", e.outcome()).add("status", e.status())
                    .add("cause", e.cause()).add("causeOf", e.causeOf())
                    .add("changes", changes(e.changes())).add("undoable", Changes.undoable(e));
            e.untilTime().ifPresent(u -> item.add("until", u.toString()));
            Instant pending = page.pendingRevertAt().get(e.changeId());
            if (pending != null && !e.changeId().isEmpty()) {
                item.add("revertAt", pending.toString());
            }
            items.add(item);
        }
        JsonObjectBuilder answer = Jsonp.createObjectBuilder().add("items", items);
        page.next().ifPresentOrElse(n -> answer.add("next", n.toString()), () -> answer.addNull("next"));
        return answer.build();
    }

    public JsonObject undo(Changeable kind, Caller caller, String resourceId, String changeId, String clientAddress) {
        String id = changeId(changeId);
        kind.checkMayChange(caller, resourceId);
        ChangeAttempt done = changes.undo(kind, caller, resourceId, id, clientAddress);
        return Jsonp.createObjectBuilder().add("change", Jsonp.createObjectBuilder()
                .add("changeId", done.changeId()).add("cause", "undo").add("causeOf", id)
                .add("changes", changes(done.changes()))).build();
    }

    public JsonObject reverts(Changeable kind, Caller caller, String resourceId) {
        kind.checkMayChange(caller, resourceId);
        JsonArrayBuilder items = Jsonp.createArrayBuilder();
        for (PendingChange p : changes.pending(kind, resourceId)) {
            items.add(pending(p));
        }
        return Jsonp.createObjectBuilder().add("items", items).build();
    }

    public void cancel(Changeable kind, Caller caller, String resourceId, String changeId, String clientAddress) {
        String id = changeId(changeId);
        kind.checkMayChange(caller, resourceId);
        changes.cancel(kind, caller, resourceId, id, clientAddress);
    }

    public JsonObject revertNow(Changeable kind, Caller caller, String resourceId, String changeId,
                                String clientAddress) {
        String id = changeId(changeId);
        kind.checkMayChange(caller, resourceId);
        return Jsonp.createObjectBuilder().add("outcome",
                changes.revertNow(kind, caller, resourceId, id, clientAddress)).build();
    }

    /** A pending revert as the widget shows it. */
    public static JsonObject pending(PendingChange p) {
        return Jsonp.createObjectBuilder().add("id", p.id()).add("dueAt", p.dueAt().toString())
                .add("scheduledAt", p.scheduledAt().toString())
                .add("by", Jsonp.createObjectBuilder().add("name", p.name()).add("email", p.email()))
                .add("changes", changes(p.changes())).build();
    }

    public static JsonArrayBuilder changes(List<FieldChange> list) {
        JsonArrayBuilder array = Jsonp.createArrayBuilder();
        for (FieldChange c : list) {
            array.add(Jsonp.createObjectBuilder().add("field", c.field()).add("label", c.label())
                    .add("from", c.before()).add("to", c.after()));
        }
        return array;
    }

    private static String changeId(String id) {
        if (id == null || !CHANGE_ID.matcher(id).matches()) {
            throw ApiException.of("invalid-id", "Invalid id", 400, "A change id is 1-64 characters of A-Z a-z 0-9 _ -.");
        }
        return id;
    }

    private static Optional<Instant> before(String before) {
        if (before == null || before.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (before.length() <= 40) {
                return Optional.of(Instant.parse(before));
            }
        } catch (DateTimeParseException e) {
            // said below
        }
        throw ApiException.of("invalid-query", "Invalid query", 400,
                "before must be an ISO-8601 instant such as 2026-11-30T18:00:00Z (the next value of the last page).")
                .with("field", "before");
    }

    private static int limit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return Changes.DEFAULT_PAGE;
        }
        if (!LIMIT.matcher(limit).matches() || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > Changes.MAX_PAGE) {
            throw ApiException.of("invalid-query", "Invalid query", 400,
                    "limit must be a number from 1 to " + Changes.MAX_PAGE + ".").with("field", "limit");
        }
        return Integer.parseInt(limit);
    }
}
