package org.skillbroker.simulator;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /organization/{orgId}/user/by-ci-user-id/{ciUuid}} (and its v2 twin): the CC user behind a Webex
 * person, with {@code userProfileData} on {@code includeUserProfile=true} (webex-api.md §4.2 steps 4–5).
 */
final class ContactCenterUsers {

    private static final String SITE_ID = Ids.seedUuid("site:main");

    private final CcGate gate;
    private final Directory directory;

    ContactCenterUsers(CcGate gate, Directory directory) {
        this.gate = gate;
        this.directory = directory;
    }

    void register(Router router) {
        router.add("GET", "/organization/([^/]+)/user/by-ci-user-id/([^/]+)", (ex, p) -> byCiUserId(ex, p));
        router.add("GET", "/organization/([^/]+)/v2/user/by-ci-user-id/([^/]+)", (ex, p) -> byCiUserId(ex, p));
        router.add("GET", "/organization/([^/]+)/user/([0-9a-fA-F-]{36})", (ex, p) -> byId(ex, p));
    }

    /** GET user by CC user id (teamIds tell which teams an agent referencing a skill profile belongs to). */
    private void byId(SimExchange ex, List<String> p) throws IOException {
        String orgId = p.get(0);
        if (gate.admit(ex, orgId, false).isEmpty()) {
            return;
        }
        Optional<SimUser> user = directory.byCcUserId(p.get(1)).filter(u -> u.orgUuid().equals(orgId));
        if (user.isEmpty()) {
            ex.json(404, JsonBodies.ccError(404, "User not found: " + p.get(1), ex.trackingId()));
            return;
        }
        ex.json(200, userJson(user.get(), false).build());
    }

    private void byCiUserId(SimExchange ex, List<String> p) throws IOException {
        String orgId = p.get(0);
        if (gate.admit(ex, orgId, false).isEmpty()) {
            return;
        }
        Optional<SimUser> user = directory.byPersonUuid(p.get(1))
                .filter(u -> u.orgUuid().equals(orgId) && u.inContactCenter());
        if (user.isEmpty()) {
            ex.json(404, JsonBodies.ccError(404, "User not found for ciUserId " + p.get(1), ex.trackingId()));
            return;
        }
        ex.json(200, userJson(user.get(), "true".equalsIgnoreCase(ex.query("includeUserProfile"))).build());
    }

    JsonObjectBuilder userJson(SimUser user, boolean includeProfile) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("organizationId", user.orgUuid())
                .add("id", user.ccUserId())
                .add("version", 1)
                .add("ciUserId", user.personUuid())
                .add("firstName", user.firstName())
                .add("lastName", user.lastName())
                .add("email", user.email())
                .add("active", true)
                .add("contactCenterEnabled", true)
                .add("userProfileId", userProfileId(user))
                .add("siteId", SITE_ID)
                .add("teamIds", JsonBodies.strings(user.memberOfTeamIds()))
                .add("agentProfileId", Ids.seedUuid("agent-profile:default"))
                .add("createdTime", 1_677_661_200_000L)
                .add("lastUpdatedTime", 1_677_661_200_000L);
        String skillProfileId = directory.userSkillProfile(user);
        if (skillProfileId != null) {
            json.add("skillProfileId", skillProfileId);
        }
        if (!user.memberOfTeamIds().isEmpty() && user.profileType().contains("SUPERVISOR")) {
            json.add("preferredSupervisorTeamId", user.memberOfTeamIds().get(0));
        }
        if (includeProfile) {
            json.add("userProfileData", Json.createObjectBuilder()
                    .add("id", userProfileId(user))
                    .add("name", profileName(user))
                    .add("profileType", user.profileType())
                    .add("accessAllTeams", user.accessAllTeams())
                    .add("teams", JsonBodies.strings(user.teamIds()))
                    .add("accessAllSites", "ALL")
                    .add("sites", Json.createArrayBuilder())
                    .add("accessAllQueues", "ALL")
                    .add("queues", Json.createArrayBuilder()));
        }
        return json;
    }

    /** One user profile per seeded user keeps the data simple; real tenants share profiles between users. */
    private static String userProfileId(SimUser user) {
        return Ids.seedUuid("user-profile:" + user.key());
    }

    private static String profileName(SimUser user) {
        String base = switch (user.profileType()) {
            case "ADMINISTRATOR" -> "Administrator";
            case "SUPERVISOR" -> "Supervisor";
            case "STANDARD_AGENT" -> "Standard Agent";
            default -> user.profileType();
        };
        return base + ("ALL".equals(user.accessAllTeams()) ? " (all teams)" : " (specific teams)");
    }
}
