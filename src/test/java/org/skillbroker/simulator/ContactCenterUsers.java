package org.skillbroker.simulator;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

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

    /** AssignedDynamicSkillsDTO's bounds: proficiency 0–10, text at most 100 characters. */
    private static final int MAX_TEXT = 100;

    private final CcGate gate;
    private final Directory directory;
    private final SkillCatalog catalog;
    private final SkillProfileStore profiles;
    private final SimSwitches switches;
    private final SimClock clock;

    ContactCenterUsers(CcGate gate, Directory directory, SkillCatalog catalog, SkillProfileStore profiles,
                       SimSwitches switches, SimClock clock) {
        this.gate = gate;
        this.directory = directory;
        this.catalog = catalog;
        this.profiles = profiles;
        this.switches = switches;
        this.clock = clock;
    }

    void register(Router router) {
        router.add("GET", "/organization/([^/]+)/user/by-ci-user-id/([^/]+)", (ex, p) -> byCiUserId(ex, p));
        router.add("GET", "/organization/([^/]+)/v2/user/by-ci-user-id/([^/]+)", (ex, p) -> byCiUserId(ex, p));
        router.add("GET", "/organization/([^/]+)/user/([0-9a-fA-F-]{36})", (ex, p) -> byId(ex, p));
        router.add("GET", "/organization/([^/]+)/v2/user", (ex, p) -> list(ex, p));
        router.add("PATCH", "/organization/([^/]+)/user/([^/]+)/reskill", (ex, p) -> reskill(ex, p));
    }

    /**
     * {@code PATCH /user/{id}/reskill} (webex-contract.md §4): {@code skillProfileId} assigns the agent's own skill
     * profile (absent: unchanged; "": see {@link SimSwitches.ReskillClear}), {@code dynamicSkills.add} gives or
     * replaces dynamic skills, {@code dynamicSkills.remove} takes them away by skill id. 204 without a body; 400
     * for an unknown profile or skill, or a value outside AssignedDynamicSkillsDTO's bounds; nothing is applied
     * unless all of it is valid.
     */
    private void reskill(SimExchange ex, List<String> p) throws IOException {
        String orgId = p.get(0);
        if (gate.admit(ex, orgId, true).isEmpty()) {
            return;
        }
        Optional<SimUser> found = directory.byCcUserId(p.get(1)).filter(u -> u.orgUuid().equals(orgId));
        if (found.isEmpty()) {
            ex.json(404, JsonBodies.ccError(404, "User not found: " + p.get(1), ex.trackingId()));
            return;
        }
        SimUser user = found.get();
        if (!(JsonBodies.parse(ex.body()) instanceof JsonObject body)) {
            ex.json(400, JsonBodies.ccError(400, "Request body is not a ReSkillAgentRequestDTO", ex.trackingId()));
            return;
        }
        String profile = body.get("skillProfileId") instanceof JsonString s ? s.getString() : null;
        if (profile != null && !profile.isEmpty() && profiles.get(orgId, profile).isEmpty()) {
            ex.json(400, JsonBodies.ccError(400, "Skill profile not found: " + profile, ex.trackingId()));
            return;
        }
        if (profile != null && profile.isEmpty() && switches.reskillClear() == SimSwitches.ReskillClear.REJECT_400) {
            ex.json(400, JsonBodies.ccError(400, "skillProfileId must not be empty", ex.trackingId()));
            return;
        }
        JsonObject dynamic = body.get("dynamicSkills") instanceof JsonObject d ? d : JsonValue.EMPTY_JSON_OBJECT;
        List<JsonObject> add = dynamic.get("add") instanceof JsonArray a
                ? a.stream().filter(v -> v instanceof JsonObject).map(JsonValue::asJsonObject).toList() : List.of();
        List<String> remove = dynamic.get("remove") instanceof JsonArray r
                ? r.stream().filter(v -> v instanceof JsonString).map(v -> ((JsonString) v).getString()).toList()
                : List.of();
        List<JsonObject> assigned = new java.util.ArrayList<>();
        for (JsonObject item : add) {
            Optional<String> problem = invalid(orgId, item);
            if (problem.isPresent()) {
                ex.json(400, JsonBodies.ccError(400, problem.get(), ex.trackingId()));
                return;
            }
            assigned.add(assigned(orgId, item));
        }
        if (profile != null && !profile.isEmpty()) {
            directory.assignSkillProfile(user, profile);
        } else if (profile != null && switches.reskillClear() == SimSwitches.ReskillClear.CLEARS) {
            directory.assignSkillProfile(user, null);
        }
        remove.forEach(skillId -> directory.removeDynamicSkill(user, skillId));
        assigned.forEach(a -> directory.putDynamicSkill(user, a.getString("skillId"), a));
        ex.empty(204);
    }

    /** Why a dynamic skill to add is refused, if it is: an unknown skill or a value outside the DTO's bounds. */
    private Optional<String> invalid(String orgId, JsonObject item) {
        String skillId = item.get("skillId") instanceof JsonString s ? s.getString() : "";
        Optional<SkillCatalog.Skill> skill = catalog.skill(orgId, skillId);
        if (skill.isEmpty()) {
            return Optional.of("Skill not found: " + skillId);
        }
        if (item.get("proficiencyValue") instanceof jakarta.json.JsonNumber n
                && (!n.isIntegral() || n.intValue() < 0 || n.intValue() > 10)) {
            return Optional.of("proficiencyValue must be between 0 and 10");
        }
        if (item.get("textValue") instanceof JsonString t && t.getString().length() > MAX_TEXT) {
            return Optional.of("textValue must be at most " + MAX_TEXT + " characters");
        }
        if (item.get("enumSkillValues") instanceof JsonArray values) {
            if (JsonBodies.repeats(values)) { // UpdateDynamicSkillsDTO.enumSkillValues: uniqueItems
                return Optional.of("enumSkillValues must not repeat a value");
            }
            boolean byId = switches.enumSkillValues() == SimSwitches.EnumSkillValues.IDS;
            for (JsonValue value : values) {
                boolean known = value instanceof JsonString v && skill.get().enumValues().stream()
                        .anyMatch(e -> (byId ? e.id() : e.name()).equals(v.getString()));
                if (!known) {
                    return Optional.of("Enum skill value not found for skill " + skillId);
                }
            }
        }
        return Optional.empty();
    }

    /** The AssignedDynamicSkillsDTO kept for an UpdateDynamicSkillsDTO: the values it carried, and a new id. */
    private JsonObject assigned(String orgId, JsonObject item) {
        long now = clock.now().toEpochMilli();
        JsonObjectBuilder json = Json.createObjectBuilder().add("organizationId", orgId)
                .add("id", Ids.seedUuid("dynamic-skill:" + java.util.UUID.randomUUID())).add("version", 0)
                .add("skillId", item.getString("skillId"));
        for (String field : List.of("proficiencyValue", "booleanValue", "textValue")) {
            if (item.containsKey(field) && item.get(field) != JsonValue.NULL) {
                json.add(field, item.get(field));
            }
        }
        if (item.get("enumSkillValues") instanceof JsonArray values) {
            // the request carries a set, the stored DTO one string (Cisco's schemas); joined
            json.add("enumSkillValues", String.join(",", values.stream().filter(v -> v instanceof JsonString)
                    .map(v -> ((JsonString) v).getString()).toList()));
        }
        return json.add("createdTime", now).add("lastUpdatedTime", now).build();
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
        List<JsonObject> dynamic = directory.dynamicSkills(user);
        if (!dynamic.isEmpty()) {
            json.add("dynamicSkills", Json.createArrayBuilder(dynamic));
        }
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
     * in a team their user profile gives access to. A Desktop token may be refused that (a switch). {@code search}
     * (which fields Cisco searches is not published): a part of the first name, last name or e-mail address,
     * ignoring case; the broker does not rely on it.
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
        String search = ex.query("search") == null ? "" : ex.query("search").trim().toLowerCase(java.util.Locale.ROOT);
        List<JsonObject> items = directory.users().stream()
                .filter(u -> u.inContactCenter() && u.orgUuid().equals(orgId))
                .filter(managedUsers)
                .filter(u -> search.isEmpty() || (u.firstName() + " " + u.lastName() + " " + u.email())
                        .toLowerCase(java.util.Locale.ROOT).contains(search))
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
