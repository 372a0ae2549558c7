package org.skillbroker.skills.boundary;

import jakarta.json.JsonObject;
import org.skillbroker.Broker;
import org.skillbroker.Jsonp;
import org.skillbroker.api.ApiCall;
import org.skillbroker.api.Reply;
import org.skillbroker.api.Routes;
import org.skillbroker.audit.ChangeAttempt;
import org.skillbroker.caller.Caller;
import org.skillbroker.changes.boundary.ChangeApi;
import org.skillbroker.problem.ApiException;
import org.skillbroker.problem.Problem;
import org.skillbroker.problem.ProblemMapper;
import org.skillbroker.skills.control.ChangeRequestParser;
import org.skillbroker.skills.control.Ids;
import org.skillbroker.skills.control.ProficiencyEditor;
import org.skillbroker.skills.entity.ProficiencyChange;
import org.skillbroker.web.ListQuery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/skill-profiles}: what a supervisor's widget calls with the Desktop's token. Validates, asks the
 * caller gate who is calling and whether they may, delegates, and answers; every PATCH by an identified caller is
 * audited whatever its outcome, and one whose caller was never identified is only counted.
 */
public final class SkillProfilesResource {

    /** History, undo and reverts of a profile: the caller admitted as for the profile itself. */
    private static final ChangeApi CHANGES = new ChangeApi(SkillProfilesResource::profileId,
            Broker.Running::profileChanges,
            (broker, authorization, address) -> broker.callers().admit(authorization, address));

    private SkillProfilesResource() {
    }

    public static void register(Routes routes) {
        routes.get("skill-profiles", SkillProfilesResource::list)
                .get("skill-profiles/{id}", SkillProfilesResource::get)
                .patch("skill-profiles/{id}", SkillProfilesResource::patch);
        CHANGES.register(routes, "skill-profiles");
    }

    private static Reply list(ApiCall call) {
        Broker.Running broker = call.broker();
        Caller caller = broker.callers().admit(call.authorization(), call.clientAddress());
        return Reply.ok(ProfileJson.list(broker.profileReader().list(caller, ListQuery.search(call.query("search")),
                ListQuery.page(call.query("page")))));
    }

    private static Reply get(ApiCall call) {
        String profileId = profileId(call.path("id"));
        Broker.Running broker = call.broker();
        Caller caller = broker.callers().admit(call.authorization(), call.clientAddress());
        broker.profileAccess().check(caller, profileId);
        JsonObject profile = ProfileJson.profile(broker.profileReader().read(profileId));
        return Reply.ok(Jsonp.createObjectBuilder(profile)
                .add("usage", ProfileJson.usage(broker.profileAccess().impact(caller, profileId))).build());
    }

    private static Reply patch(ApiCall call) {
        String id = call.path("id");
        Broker.Running broker = call.broker();
        ChangeAttempt attempt = new ChangeAttempt(call.clientAddress());
        boolean audited = false;
        boolean identified = false;
        try {
            attempt.profile(id == null || id.length() > 64 ? "" : id, "");
            String profileId = profileId(id);
            int max = broker.settings().api().maxBodyBytes();
            BoundedBody.checkDeclared(call.declaredLength(), max);
            Caller caller = broker.callers().admit(call.authorization(), call.clientAddress());
            attempt.caller(caller.identity().personUuid(), caller.identity().email(), caller.identity().displayName(),
                    caller.identity().orgUuid());
            identified = true;
            ChangeRequestParser.Request parsed = ChangeRequestParser.parseRequest(BoundedBody.read(call.body(), max));
            List<ProficiencyChange> changes = parsed.changes();
            // checked before any Webex call: a bad time costs nothing
            Optional<Instant> until = parsed.until().map(broker.changes()::checkUntil);
            for (ProficiencyChange change : changes) {
                if (!broker.profileAccess().skillAllowed(change.skillId())) {
                    throw ApiException.of("skill-not-allowed", "Skill not editable here", 403, "This broker is "
                            + "configured not to change skill " + change.skillId() + ". Ask the broker's operator.")
                            .with("skillId", change.skillId());
                }
            }
            broker.profileAccess().check(caller, profileId);
            ProficiencyEditor.Result result = broker.editor().change(profileId, changes, attempt);
            if (until.isPresent() && result.written()) {
                broker.changes().schedule(broker.profileChanges(), attempt, until.get());
            }
            // recorded as soon as it is stored: showing it afterwards may still fail, the change stands
            broker.audit().record(attempt, result.written() ? "changed" : "unchanged", 200);
            audited = true;
            jakarta.json.JsonObjectBuilder answer = Jsonp.createObjectBuilder(
                    ProfileJson.profile(broker.profileReader().view(result.profile(), result.read())))
                    .add("changeId", attempt.changeId());
            if (until.isPresent() && result.written()) {
                answer.add("revertAt", until.get().toString());
            }
            return Reply.ok(answer.build());
        } catch (RuntimeException e) {
            ApiException problem = ProblemMapper.translate(e);
            String kind = problem.problem().type().substring(Problem.TYPE_PREFIX.length());
            if (!identified) {
                // Nobody known asked: a stranger's request writes nothing to disk (it would let anyone fill the
                // volume and push real changes off /setup); it is only counted in /metrics.
                broker.requestMetrics().unidentified(kind);
            } else if (!audited) {
                broker.audit().record(attempt, kind, problem.problem().status());
            }
            throw problem;
        }
    }

    private static String profileId(String id) {
        if (!Ids.isUuid(id)) {
            throw ApiException.of("invalid-id", "Invalid id", 400, "A skill profile id is a UUID.");
        }
        return Ids.normalize(id);
    }

}
