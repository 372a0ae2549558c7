package org.skillbroker.changes.boundary;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.skillbroker.Broker;
import org.skillbroker.Jsonp;
import org.skillbroker.api.ApiCall;
import org.skillbroker.api.Reply;
import org.skillbroker.api.Routes;
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
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The history, undo and pending-revert endpoints of every resource kind (skill profiles, agents): one set of
 * routes that each resource kind registers under its own path, so the routes, their checks and their JSON are
 * written once. What differs between kinds comes in at construction: how the id is checked, which
 * {@link Changeable} the kind is, and how its caller is admitted. One immutable instance per kind serves every
 * request.
 *
 * <pre>
 * GET    .../{id}/history?before=&amp;limit=      {"items":[change...],"next":"&lt;instant&gt;"|null}
 * POST   .../{id}/history/{changeId}/undo     {"change":change}
 * GET    .../{id}/reverts                     {"items":[pending...]}
 * DELETE .../{id}/reverts/{changeId}          204
 * POST   .../{id}/reverts/{changeId}/revert   {"outcome":"reverted"|"superseded"}
 * </pre>
 * Every answer is {@code Cache-Control: no-store}; problems are thrown as {@link ApiException}. The order of the
 * checks is the resources' own: the id's form (400), a configured broker (503), the caller, then the change id.
 */
public final class ChangeApi {

    /** Who is calling, as the kind admits its callers (agents also read the caller's roster). */
    @FunctionalInterface
    public interface Admission {
        Caller admit(Broker.Running broker, List<String> authorization, String clientAddress);
    }

    private static final Pattern CHANGE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern LIMIT = Pattern.compile("\\d{1,3}");

    private final UnaryOperator<String> id;
    private final Function<Broker.Running, ? extends Changeable> kind;
    private final Admission admission;

    /**
     * @param id        the resource id checked (400 {@code invalid-id} when malformed) and normalised
     * @param kind      the kind's {@link Changeable} in the running broker
     * @param admission who the caller is, or the problem that refuses them
     */
    public ChangeApi(UnaryOperator<String> id, Function<Broker.Running, ? extends Changeable> kind,
                     Admission admission) {
        this.id = Objects.requireNonNull(id, "id");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.admission = Objects.requireNonNull(admission, "admission");
    }

    /** The request's resource, checked in the order every endpoint of the kind checks it. */
    private record Call(Broker.Running broker, Changeable kind, Caller caller, String resourceId) {

        /** The change id named in the path, once its form is checked, when the caller may change the resource. */
        String mayChange(String changeId) {
            String checked = changeId(changeId);
            kind.checkMayChange(caller, resourceId);
            return checked;
        }
    }

    /** Adds the five routes under {@code kind/{id}/}, e.g. {@code skill-profiles/{id}/history}. */
    public void register(Routes routes, String kind) {
        routes.get(kind + "/{id}/history", this::history)
                .post(kind + "/{id}/history/{changeId}/undo", this::undo)
                .get(kind + "/{id}/reverts", this::reverts)
                .delete(kind + "/{id}/reverts/{changeId}", this::cancelRevert)
                .post(kind + "/{id}/reverts/{changeId}/revert", this::revertNow);
    }

    private Call call(ApiCall request) {
        String checked = id.apply(request.path("id"));
        Broker.Running broker = request.broker();
        Caller caller = admission.admit(broker, request.authorization(), request.clientAddress());
        return new Call(broker, kind.apply(broker), caller, checked);
    }

    private Reply history(ApiCall request) {
        Call call = call(request);
        Optional<Instant> from = before(request.query("before"));
        int max = limit(request.query("limit"));
        call.kind().checkMayChange(call.caller(), call.resourceId());
        Changes changes = call.broker().changes();
        Changes.Page page = changes.history(call.kind(), call.resourceId(), from, max);
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
        return Reply.ok(answer.build());
    }

    private Reply undo(ApiCall request) {
        Call call = call(request);
        String undone = call.mayChange(request.path("changeId"));
        ChangeAttempt done = call.broker().changes().undo(call.kind(), call.caller(), call.resourceId(), undone,
                request.clientAddress());
        return Reply.ok(Jsonp.createObjectBuilder().add("change", Jsonp.createObjectBuilder()
                .add("changeId", done.changeId()).add("cause", "undo").add("causeOf", undone)
                .add("changes", changes(done.changes()))).build());
    }

    private Reply reverts(ApiCall request) {
        Call call = call(request);
        call.kind().checkMayChange(call.caller(), call.resourceId());
        JsonArrayBuilder items = Jsonp.createArrayBuilder();
        for (PendingChange p : call.broker().changes().pending(call.kind(), call.resourceId())) {
            items.add(pending(p));
        }
        return Reply.ok(Jsonp.createObjectBuilder().add("items", items).build());
    }

    private Reply cancelRevert(ApiCall request) {
        Call call = call(request);
        String cancelled = call.mayChange(request.path("changeId"));
        call.broker().changes().cancel(call.kind(), call.caller(), call.resourceId(), cancelled,
                request.clientAddress());
        return Reply.noContent();
    }

    private Reply revertNow(ApiCall request) {
        Call call = call(request);
        String reverted = call.mayChange(request.path("changeId"));
        return Reply.ok(Jsonp.createObjectBuilder().add("outcome", call.broker().changes().revertNow(call.kind(),
                call.caller(), call.resourceId(), reverted, request.clientAddress())).build());
    }

    /** A pending revert as the widget shows it. */
    private static JsonObject pending(PendingChange p) {
        return Jsonp.createObjectBuilder().add("id", p.id()).add("dueAt", p.dueAt().toString())
                .add("scheduledAt", p.scheduledAt().toString())
                .add("by", Jsonp.createObjectBuilder().add("name", p.name()).add("email", p.email()))
                .add("changes", changes(p.changes())).build();
    }

    private static JsonArrayBuilder changes(List<FieldChange> list) {
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
