package org.skillbroker.webex;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.skillbroker.config.Settings;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/** Contact Center user lookup by Common Identity id, with the user profile (webex-api.md §4.2 step 4). */
public final class ContactCenterUsers {

    private final WebexHttp http;
    private final Settings.Webex webex;

    public ContactCenterUsers(WebexHttp http, Settings.Webex webex) {
        this.http = Objects.requireNonNull(http, "http");
        this.webex = Objects.requireNonNull(webex, "webex");
    }

    /** @throws WebexNotFoundException when the person has no Contact Center user */
    public ContactCenterUser byCiUserId(String accessToken, String orgUuid, String ciUserUuid) {
        URI uri = webex.ccApiBase().resolve("/organization/" + orgUuid + "/user/by-ci-user-id/" + ciUserUuid
                + "?includeUserProfile=true");
        JsonObject json = http.get(uri, accessToken);
        JsonObject profile = json.get("userProfileData") instanceof JsonObject p ? p : JsonValue.EMPTY_JSON_OBJECT;
        return new ContactCenterUser(json.getString("id", ciUserUuid), json.getString("ciUserId", ciUserUuid),
                json.getString("email", ""), json.getBoolean("active", true), profile.getString("profileType", ""),
                profile.getString("accessAllTeams", ""), strings(profile.get("teams")), strings(json.get("teamIds")));
    }

    /** The teams a Contact Center user (by CC user id) belongs to: for team scoping of USER references. */
    public List<String> teamIdsOf(String accessToken, String orgUuid, String ccUserId) {
        // the id comes from Webex (an incoming reference), still encoded as one path segment
        URI uri = jakarta.ws.rs.core.UriBuilder.fromUri(webex.ccApiBase()).replacePath("/organization")
                .path(orgUuid).path("user").path(ccUserId).build();
        return strings(http.get(uri, accessToken).get("teamIds"));
    }

    private static List<String> strings(JsonValue value) {
        if (!(value instanceof JsonArray array)) {
            return List.of();
        }
        return array.stream().map(v -> v instanceof JsonString s ? s.getString()
                        : v instanceof JsonObject o ? o.getString("id", "") : "")
                .filter(s -> !s.isEmpty()).toList();
    }
}
