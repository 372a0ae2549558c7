package org.skillbroker.webex;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.skillbroker.config.Settings;

import java.util.Objects;

/** {@code GET /v1/people/me}: proves a token is live and says whose it is (webex-api.md §4.2). */
public final class PeopleClient {

    private final WebexHttp http;
    private final Settings.Webex webex;
    private final java.net.URI me;

    public PeopleClient(WebexHttp http, Settings.Webex webex) {
        this.http = Objects.requireNonNull(http, "http");
        this.webex = Objects.requireNonNull(webex, "webex");
        this.me = webex.apiBase().resolve("/v1/people/me");
    }

    public Person me(String accessToken) {
        JsonObject json = http.get(me, accessToken);
        String personUuid = WebexIds.uuidOf(json.getString("id", null), "PEOPLE")
                .orElseThrow(() -> new WebexUnavailableException("Webex person id is not readable", false, null));
        String orgUuid = WebexIds.uuidOf(json.getString("orgId", null), "ORGANIZATION")
                .orElseThrow(() -> new WebexUnavailableException("Webex org id is not readable", false, null));
        return new Person(personUuid, orgUuid, json.getString("displayName", ""), firstEmail(json));
    }

    private static String firstEmail(JsonObject json) {
        JsonArray emails = json.getJsonArray("emails");
        if (emails == null || emails.isEmpty() || !(emails.get(0) instanceof JsonString email)) {
            return "";
        }
        return email.getString();
    }
}
