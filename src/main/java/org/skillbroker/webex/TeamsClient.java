package org.skillbroker.webex;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.skillbroker.config.Settings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The documented queries behind team scoping (webex-contract.md §2–3): who uses which skill profile
 * ({@code GET /v2/team} and {@code GET /v2/user} with an RSQL {@code filter} on {@code skillProfileId}, trimmed by
 * {@code attributes}, many profiles per call), and what Contact Center itself says a supervisor may manage
 * ({@code supervisorView}, {@code supervisorManagedAgentsOnly}) with the supervisor's own token.
 */
public final class TeamsClient {

    /** Largest page Contact Center lists; the queries ask for it so one call is usually all. */
    static final int PAGE_SIZE = 1000;
    /** A profile used by more than 10 000 teams or users is not something to scope: say so instead. */
    private static final int MAX_PAGES = 10;
    /** Profiles per filter: keeps the URL short (about 60 characters each). */
    public static final int IDS_PER_QUERY = 50;

    private final WebexHttp http;
    /** {@code https://api.wxcc-us1.cisco.com/organization}, once. */
    private final WebexUri organizations;

    public TeamsClient(WebexHttp http, Settings.Webex webex) {
        this.http = Objects.requireNonNull(http, "http");
        this.organizations = WebexUri.origin(webex.ccApiBase()).path("organization");
    }

    /**
     * Who uses each of the profiles (lower-cased ids in the answer), two calls per {@link #IDS_PER_QUERY}
     * profiles: one for teams (with their names and members, for the impact of a change), one for users.
     */
    public Map<String, ProfileUsage> usage(String adminToken, String orgUuid, Collection<String> profileIds) {
        Map<String, List<String>> teams = new HashMap<>();
        Map<String, List<ProfileUsage.UsingTeam>> named = new HashMap<>();
        Map<String, List<ProfileUsage.AssignedUser>> users = new HashMap<>();
        List<String> ids = profileIds.stream().map(id -> id.toLowerCase(Locale.ROOT)).distinct().toList();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            String filter = anyOf(ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)));
            pages(adminToken, v2(orgUuid, "team").query("filter", filter)
                    .query("attributes", "id,name,skillProfileId,userIds"), team -> {
                String profile = lower(team.getString("skillProfileId", ""));
                String id = lower(team.getString("id", ""));
                teams.computeIfAbsent(profile, k -> new ArrayList<>()).add(id);
                // members unknown (not "none") when Contact Center leaves userIds out: the impact then says so
                Optional<List<String>> members = team.get("userIds") instanceof JsonArray
                        ? Optional.of(strings(team.get("userIds"))) : Optional.empty();
                named.computeIfAbsent(profile, k -> new ArrayList<>()).add(new ProfileUsage.UsingTeam(id,
                        team.get("name") instanceof JsonString n ? n.getString() : "", members));
            });
            pages(adminToken, v2(orgUuid, "user").query("filter", filter)
                    .query("attributes", "id,skillProfileId,teamIds"), user -> {
                String profile = lower(user.getString("skillProfileId", ""));
                users.computeIfAbsent(profile, k -> new ArrayList<>())
                        .add(new ProfileUsage.AssignedUser(lower(user.getString("id", "")), strings(user.get("teamIds"))));
            });
        }
        Map<String, ProfileUsage> usage = new HashMap<>();
        for (String id : ids) {
            usage.put(id, new ProfileUsage(teams.getOrDefault(id, List.of()), users.getOrDefault(id, List.of()),
                    named.getOrDefault(id, List.of())));
        }
        return usage;
    }

    /**
     * The teams Contact Center lets the token's own user see ({@code supervisorView=true}), or empty when it
     * refuses that token (403): Cisco does not say whether a Desktop token may ask.
     */
    public Optional<Set<String>> supervisorTeams(String callerToken, String orgUuid) {
        return ids(callerToken, v2(orgUuid, "team").query("supervisorView", true));
    }

    /** The users Contact Center lets the token's own user manage, or empty when it refuses that token (403). */
    public Optional<Set<String>> managedUsers(String callerToken, String orgUuid) {
        return ids(callerToken, v2(orgUuid, "user").query("supervisorManagedAgentsOnly", true));
    }

    private Optional<Set<String>> ids(String token, WebexUri query) {
        Set<String> ids = new LinkedHashSet<>();
        try {
            pages(token, query.query("attributes", "id"), item -> ids.add(lower(item.getString("id", ""))));
        } catch (WebexForbiddenException e) {
            return Optional.empty(); // refused: the caller falls back to the user-profile rule, which restricts
        }
        ids.remove("");
        return Optional.of(ids);
    }

    private void pages(String token, WebexUri query, Consumer<JsonObject> each) {
        SkillProfilesClient.Page.each(http, token, query, PAGE_SIZE, MAX_PAGES, "too many teams or users to check", each);
    }

    /** {@code skillProfileId=="a" or skillProfileId=="b"}; the ids are UUIDs, checked before they get here. */
    static String anyOf(List<String> profileIds) {
        return String.join(" or ", profileIds.stream().map(id -> "skillProfileId==\"" + id + "\"").toList());
    }

    /** {@code /organization/{orgUuid}/v2/{list}}. */
    private WebexUri v2(String orgUuid, String list) {
        return organizations.path(orgUuid, "v2", list);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static List<String> strings(JsonValue value) {
        if (!(value instanceof JsonArray array)) {
            return List.of();
        }
        return array.stream().filter(v -> v instanceof JsonString).map(v -> lower(((JsonString) v).getString()))
                .filter(s -> !s.isEmpty()).toList();
    }
}
