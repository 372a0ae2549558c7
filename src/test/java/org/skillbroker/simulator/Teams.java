package org.skillbroker.simulator;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * CC teams ({@code TeamResponseDTO}): {@code GET /team/{id}} and the v2 list with RSQL {@code filter},
 * {@code attributes}, paging and {@code supervisorView=true} (the teams the token's own user may see, by their
 * user profile; a Desktop token may be refused that: a switch).
 */
final class Teams {

    private static final Set<String> FILTER_FIELDS = Set.of("id", "name", "skillProfileId", "teamType", "active",
            "siteId", "userIds", "teamStatus");
    private static final String SITE_ID = Ids.seedUuid("site:main");

    private final CcGate gate;
    private final Directory directory;

    Teams(CcGate gate, Directory directory) {
        this.gate = gate;
        this.directory = directory;
    }

    void register(Router router) {
        router.add("GET", "/organization/([^/]+)/v2/team", (ex, p) -> list(ex, p));
        router.add("GET", "/organization/([^/]+)/team/([^/]+)", (ex, p) -> byId(ex, p));
    }

    private void byId(SimExchange ex, List<String> p) throws IOException {
        if (gate.admit(ex, p.get(0), false).isEmpty()) {
            return;
        }
        Optional<Directory.Team> team = directory.team(p.get(1)).filter(t -> t.orgUuid().equals(p.get(0)));
        if (team.isEmpty()) {
            ex.json(404, JsonBodies.ccError(404, "Team not found: " + p.get(1), ex.trackingId()));
            return;
        }
        ex.json(200, json(team.get()));
    }

    private void list(SimExchange ex, List<String> p) throws IOException {
        String orgId = p.get(0);
        Optional<Tokens.AccessToken> token = gate.admit(ex, orgId, false);
        if (token.isEmpty()) {
            return;
        }
        Predicate<JsonObject> filter = Rsql.parse(ex.query("filter"), FILTER_FIELDS);
        Predicate<Directory.Team> visible = t -> true;
        if ("true".equalsIgnoreCase(ex.query("supervisorView"))) {
            if (gate.refusesSupervisorQuery(token.get())) {
                ex.json(403, JsonBodies.ccError(403, CcGate.ACCESS_DENIED, ex.trackingId()));
                return;
            }
            SimUser caller = directory.user(token.get().user.key()).orElse(token.get().user);
            Set<String> teams = Set.copyOf(directory.manageableTeams(caller));
            visible = t -> teams.contains(t.id());
        }
        List<JsonObject> items = directory.teams(orgId).stream().filter(visible).map(this::json).filter(filter)
                .map(t -> Attributes.trim(t, ex.query("attributes"))).toList();
        ex.json(200, JsonBodies.page(items, Paging.page(ex), Paging.pageSize(ex)));
    }

    private JsonObject json(Directory.Team team) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("organizationId", team.orgUuid())
                .add("id", team.id())
                .add("version", 1)
                .add("name", team.name())
                .add("teamType", "AGENT")
                .add("teamStatus", "IN_SERVICE")
                .add("active", true)
                .add("siteId", SITE_ID)
                .add("userIds", JsonBodies.strings(directory.members(team.id())))
                .add("systemDefault", false)
                .add("createdTime", 1_677_661_200_000L)
                .add("lastUpdatedTime", 1_677_661_200_000L);
        if (team.skillProfileId() != null) {
            json.add("skillProfileId", team.skillProfileId());
        }
        return json.build();
    }
}
