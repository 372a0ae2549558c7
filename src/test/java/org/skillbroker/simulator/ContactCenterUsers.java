package org.skillbroker.simulator;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import jakarta.json.JsonObject;

/**
 * {@code GET /organization/{orgId}/user/by-ci-user-id/{ciUuid}} (and its v2 twin): the CC user behind a Webex
 * person, with {@code userProfileData} on {@code includeUserProfile=true} (webex-api.md §4.2 steps 4–5).
 */
final class ContactCenterUsers {

    private static final String SITE_ID = Ids.seedUuid("site:main");
    private static final java.util.Set<String> FILTER_FIELDS = java.util.Set.of("id", "ciUserId", "email", "firstName",
            "lastName", "active", "contactCenterEnabled", "userProfileId", "siteId", "teamIds", "skillProfileId",
            "agentProfileId");

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
        router.add("GET", "/organization/([^/]+)/v2/user", (ex, p) -> list(ex, p));
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
                .add("active", user.active())
                .add("contactCenterEnabled", user.contactCenterEnabled())
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
            // UserProfileDTO: accessAll* (SPECIFIC, ALL, PROVISIONED_VALUE, NONE), active, name and profileType
            // are required; the lists name what SPECIFIC grants
            boolean specific = "SPECIFIC".equals(user.accessAllTeams());
            json.add("userProfileData", Json.createObjectBuilder()
                    .add("organizationId", user.orgUuid())
                    .add("id", userProfileId(user))
                    .add("version", 1)
                    .add("name", profileName(user))
                    .add("profileType", user.profileType())
                    .add("active", true)
                    .add("accessAllModules", "ALL")
                    .add("accessAllEntryPoints", "ALL")
                    .add("accessAllSites", "ALL")
                    .add("accessAllQueues", "ALL")
                    .add("accessAllTeams", user.accessAllTeams())
                    .add("entryPoints", Json.createArrayBuilder())
                    .add("sites", Json.createArrayBuilder())
                    .add("queues", Json.createArrayBuilder())
                    .add("teams", JsonBodies.strings(specific || !"ALL".equals(user.accessAllTeams())
                            ? user.teamIds() : List.of()))
                    .add("systemDefault", false)
                    .add("createdTime", 1_677_661_200_000L)
                    .add("lastUpdatedTime", 1_677_661_200_000L));
        }
        return json;
    }

    /**
     * {@code GET /v2/user}: RSQL {@code filter}, {@code attributes}, paging; with
     * {@code supervisorManagedAgentsOnly=true} only the users the caller (the token's own user) may manage: those
     * in a team their user profile gives access to. A Desktop token may be refused that (a switch).
     */
    private void list(SimExchange ex, List<String> p) throws IOException {
        String orgId = p.get(0);
        Optional<Tokens.AccessToken> token = gate.admit(ex, orgId, false);
        if (token.isEmpty()) {
            return;
        }
        Predicate<JsonObject> filter = Rsql.parse(ex.query("filter"), FILTER_FIELDS);
        Predicate<SimUser> managed = u -> true;
        if ("true".equalsIgnoreCase(ex.query("supervisorManagedAgentsOnly"))) {
            if (gate.refusesSupervisorQuery(token.get())) {
                ex.json(403, JsonBodies.ccError(403, CcGate.ACCESS_DENIED, ex.trackingId()));
                return;
            }
            SimUser caller = directory.user(token.get().user.key()).orElse(token.get().user);
            java.util.Set<String> teams = java.util.Set.copyOf(directory.manageableTeams(caller));
            managed = u -> u.memberOfTeamIds().stream().anyMatch(teams::contains);
        }
        Predicate<SimUser> managedUsers = managed;
        List<JsonObject> items = directory.users().stream()
                .filter(u -> u.inContactCenter() && u.orgUuid().equals(orgId))
                .filter(managedUsers)
                .map(u -> userJson(u, false).build())
                .filter(filter)
                .map(u -> Attributes.trim(u, ex.query("attributes")))
                .toList();
        ex.json(200, JsonBodies.page(items, Paging.page(ex), Paging.pageSize(ex)));
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
        // Cisco's pattern for user-profile names allows letters, digits, spaces and , _ - only
        return base + " - " + user.accessAllTeams().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " teams";
    }
}
