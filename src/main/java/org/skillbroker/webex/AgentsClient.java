package org.skillbroker.webex;

import jakarta.json.JsonObject;
import org.skillbroker.config.Settings;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Contact Center users as agents (webex-contract.md §3–4): the documented {@code GET /v2/user} list (trimmed by
 * {@code attributes}, by id with an RSQL {@code filter}, or as Contact Center decides for the token's own user with
 * {@code supervisorManagedAgentsOnly}), the team and skill-profile names behind them ({@code GET /v2/team},
 * {@code GET /v2/skill-profile}), and {@code PATCH /user/{id}/reskill}.
 */
public final class AgentsClient {

    /** The fields of a user the Agents view shows; nothing else is asked for. */
    static final String USER_ATTRIBUTES = "id,firstName,lastName,email,active,contactCenterEnabled,teamIds,"
            + "skillProfileId,dynamicSkills";
    private static final int PAGE_SIZE = 1000;
    /** 10 000 users, teams or profiles: beyond that the list is refused rather than shown incomplete. */
    private static final int MAX_PAGES = 10;
    /** Users per id filter: keeps the URL short (about 45 characters each). */
    public static final int IDS_PER_QUERY = 50;

    private final WebexHttp http;
    /** {@code https://api.wxcc-us1.cisco.com/organization}, once. */
    private final WebexUri organizations;

    public AgentsClient(WebexHttp http, Settings.Webex webex) {
        this.http = Objects.requireNonNull(http, "http");
        this.organizations = WebexUri.origin(webex.ccApiBase()).path("organization");
    }

    /**
     * The users Contact Center lets the token's own user manage, with the Agents view's fields; empty when it
     * refuses that token (403; Cisco does not say whether a Desktop token may ask).
     *
     * @throws WebexUnauthorizedException when the caller's token was refused (revoked or expired)
     */
    public Optional<List<JsonObject>> managedBy(String callerToken, String orgUuid) {
        List<JsonObject> users = new ArrayList<>();
        try {
            pages(callerToken, v2(orgUuid, "user").query("supervisorManagedAgentsOnly", true)
                    .query("attributes", USER_ATTRIBUTES), users::add);
        } catch (WebexForbiddenException e) {
            return Optional.empty();
        }
        return Optional.of(users);
    }

    /** Every user of the org, with the Agents view's fields. */
    public List<JsonObject> all(String adminToken, String orgUuid) {
        List<JsonObject> users = new ArrayList<>();
        pages(adminToken, v2(orgUuid, "user").query("attributes", USER_ATTRIBUTES), users::add);
        return users;
    }

    /** The users with these ids (UUIDs, checked before they get here), one call per {@link #IDS_PER_QUERY}. */
    public List<JsonObject> byIds(String adminToken, String orgUuid, Collection<String> ids) {
        List<String> distinct = ids.stream().map(id -> id.toLowerCase(Locale.ROOT)).distinct().toList();
        List<JsonObject> users = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += IDS_PER_QUERY) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + IDS_PER_QUERY));
            String filter = String.join(" or ", chunk.stream().map(id -> "id==\"" + id + "\"").toList());
            pages(adminToken, v2(orgUuid, "user").query("filter", filter).query("attributes", USER_ATTRIBUTES),
                    users::add);
        }
        return users;
    }

    /** Every team of the org: id, name and skill profile. */
    public List<JsonObject> teams(String adminToken, String orgUuid) {
        List<JsonObject> teams = new ArrayList<>();
        pages(adminToken, v2(orgUuid, "team").query("attributes", "id,name,skillProfileId"), teams::add);
        return teams;
    }

    /**
     * Every skill profile of the org. Not trimmed by {@code attributes}: SkillProfileDTO requires
     * {@code activeSkills}, so a trimmed answer would not be one Cisco documents.
     */
    public List<JsonObject> skillProfiles(String adminToken, String orgUuid) {
        List<JsonObject> profiles = new ArrayList<>();
        pages(adminToken, v2(orgUuid, "skill-profile"), profiles::add);
        return profiles;
    }

    /**
     * {@code PATCH /user/{id}/reskill} with a ReSkillAgentRequestDTO; Contact Center answers 204 without a body.
     *
     * @return Webex's trackingId ("" when none)
     */
    public String reskill(String adminToken, String orgUuid, String userId, JsonObject request) {
        URI uri = organizations.path(orgUuid, "user", userId, "reskill").toUri();
        return http.patch(uri, adminToken, request);
    }

    private void pages(String token, WebexUri query, Consumer<JsonObject> each) {
        SkillProfilesClient.Page.each(http, token, query, PAGE_SIZE, MAX_PAGES, "too many users, teams or profiles to list",
                each);
    }

    /** {@code /organization/{orgUuid}/v2/{list}}. */
    private WebexUri v2(String orgUuid, String list) {
        return organizations.path(orgUuid, "v2", list);
    }
}
