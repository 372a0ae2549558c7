package org.skillbroker.webex;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.skillbroker.config.Settings;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/** Contact Center user lookup by Common Identity id, with the user profile (webex-contract.md §3). */
public final class ContactCenterUsers {

    private final WebexHttp http;
    /** {@code https://api.wxcc-us1.cisco.com/organization}, once. */
    private final WebexUri organizations;

    public ContactCenterUsers(WebexHttp http, Settings.Webex webex) {
        this.http = Objects.requireNonNull(http, "http");
        this.organizations = WebexUri.origin(webex.ccApiBase()).path("organization");
    }

    /** @throws WebexNotFoundException when the person has no Contact Center user */
    public ContactCenterUser byCiUserId(String accessToken, String orgUuid, String ciUserUuid) {
        URI uri = organizations.path(orgUuid, "user", "by-ci-user-id", ciUserUuid).query("includeUserProfile", true)
                .toUri();
        return parse(http.get(uri, accessToken), ciUserUuid);
    }

    /**
     * Reads a UserDTO with its {@code userProfileData}. Booleans count only when Webex sent {@code true}: a missing
     * {@code active} is not active. Enum values are kept as sent (upper-cased), so an unknown one restricts.
     */
    static ContactCenterUser parse(JsonObject json, String ciUserUuid) {
        JsonObject profile = json.get("userProfileData") instanceof JsonObject p ? p : JsonValue.EMPTY_JSON_OBJECT;
        boolean profileActive = profile.get("active") == JsonValue.TRUE;
        return new ContactCenterUser(json.getString("id", ciUserUuid), json.getString("ciUserId", ciUserUuid),
                json.getString("email", ""), json.get("active") == JsonValue.TRUE && profileActive,
                json.get("contactCenterEnabled") == JsonValue.TRUE,
                upper(text(profile, "profileType")), upper(text(profile, "accessAllTeams")),
                strings(profile.get("teams")), strings(json.get("teamIds")));
    }

    private static String text(JsonObject json, String name) {
        return json.get(name) instanceof jakarta.json.JsonString s ? s.getString() : "";
    }

    private static String upper(String s) {
        return s.toUpperCase(java.util.Locale.ROOT);
    }

    private static List<String> strings(JsonValue value) {
        if (!(value instanceof JsonArray array)) {
            return List.of();
        }
        return array.stream().map(v -> v instanceof JsonString s ? s.getString() : "")
                .filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(java.util.Locale.ROOT)).toList();
    }
}
