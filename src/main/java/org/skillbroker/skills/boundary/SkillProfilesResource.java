package org.skillbroker.skills.boundary;

import org.skillbroker.web.ListQuery;
import jakarta.json.JsonObject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.skillbroker.Broker;
import org.skillbroker.Jsonp;
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

import java.io.InputStream;
import java.util.List;

/**
 * {@code /api/skill-profiles}: what a supervisor's widget calls with the Desktop's token. Validates, asks the
 * caller gate who is calling and whether they may, delegates, and answers; every PATCH by an identified caller is
 * audited whatever its outcome, and one whose caller was never identified is only counted.
 */
@Path("skill-profiles")
@Produces(MediaType.APPLICATION_JSON)
@jakarta.inject.Singleton // one instance for the app: each request's data comes in as method parameters
public class SkillProfilesResource {

    public static final String MERGE_PATCH = "application/merge-patch+json";
    /** History, undo and reverts of a profile: the caller admitted as for the profile itself. */
    private static final ChangeApi CHANGES = new ChangeApi(SkillProfilesResource::profileId,
            Broker.Running::profileChanges,
            (broker, authorization, address) -> broker.callers().admit(authorization, address));

    @Context
    private ServletContext context;

    @GET
    public Response list(@QueryParam("search") String search, @QueryParam("page") String page,
                         @HeaderParam(HttpHeaders.AUTHORIZATION) List<String> authorization,
                         @Context HttpServletRequest request) {
        Broker.Running broker = running();
        Caller caller = broker.callers().admit(authorization, request.getRemoteAddr());
        return ok(ProfileJson.list(broker.profileReader().list(caller, ListQuery.search(search), ListQuery.page(page))));
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) List<String> authorization,
                        @Context HttpServletRequest request) {
        String profileId = profileId(id);
        Broker.Running broker = running();
        Caller caller = broker.callers().admit(authorization, request.getRemoteAddr());
        broker.profileAccess().check(caller, profileId);
        JsonObject profile = ProfileJson.profile(broker.profileReader().read(profileId));
        return ok(Jsonp.createObjectBuilder(profile)
                .add("usage", ProfileJson.usage(broker.profileAccess().impact(caller, profileId))).build());
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH})
    public Response patch(@PathParam("id") String id, InputStream body,
                          @HeaderParam(HttpHeaders.AUTHORIZATION) List<String> authorization,
                          @Context HttpServletRequest request) {
        Broker.Running broker = running();
        ChangeAttempt attempt = new ChangeAttempt(request.getRemoteAddr());
        boolean audited = false;
        boolean identified = false;
        try {
            attempt.profile(id == null || id.length() > 64 ? "" : id, "");
            String profileId = profileId(id);
            int max = broker.settings().api().maxBodyBytes();
            BoundedBody.checkDeclared(request.getContentLengthLong(), max);
            Caller caller = broker.callers().admit(authorization, request.getRemoteAddr());
            attempt.caller(caller.identity().personUuid(), caller.identity().email(), caller.identity().displayName(),
                    caller.identity().orgUuid());
            identified = true;
            ChangeRequestParser.Request parsed = ChangeRequestParser.parseRequest(BoundedBody.read(body, max));
            List<ProficiencyChange> changes = parsed.changes();
            // checked before any Webex call: a bad time costs nothing
            java.util.Optional<java.time.Instant> until = parsed.until().map(broker.changes()::checkUntil);
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
            return ok(answer.build());
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

    /** {@code {id}/history…} and {@code {id}/reverts…}: the change endpoints every resource kind shares. */
    @Path("{id}")
    public ChangeApi changes() {
        return CHANGES;
    }

    private Broker.Running running() {
        return Broker.running(context);
    }

    private static String profileId(String id) {
        if (!Ids.isUuid(id)) {
            throw ApiException.of("invalid-id", "Invalid id", 400, "A skill profile id is a UUID.");
        }
        return Ids.normalize(id);
    }

    private static Response ok(JsonObject json) {
        return Response.ok(json.toString(), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").build();
    }
}
