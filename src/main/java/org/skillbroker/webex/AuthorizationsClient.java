package org.skillbroker.webex;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.skillbroker.config.Settings;

import java.util.Objects;

/**
 * The Webex Authorizations API (developer.webex.com/docs/api/v1/authorizations; webex-api.md §10): lists a
 * person's grants to integrations and deletes one, which revokes its refresh token and every access token it
 * issued. It needs the scopes {@code identity:tokens_read identity:tokens_write} and, per Cisco, an admin (a
 * user deleting their own grant must call with the same client id).
 */
public final class AuthorizationsClient {

    private final WebexHttp http;
    private final Settings.Webex webex;
    /** {@code https://webexapis.com/v1/authorizations}, once. */
    private final WebexUri authorizations;

    public AuthorizationsClient(WebexHttp http, Settings.Webex webex) {
        this.http = Objects.requireNonNull(http, "http");
        this.webex = Objects.requireNonNull(webex, "webex");
        this.authorizations = WebexUri.origin(webex.apiBase()).path("v1", "authorizations");
    }

    /**
     * Deletes every grant {@code personEmail} gave this integration.
     *
     * @return how many were deleted
     * @throws WebexException when Webex refuses (403: scope or role missing) or fails
     */
    public int revokeAll(String accessToken, String personEmail) {
        JsonObject list = http.get(authorizations.query("personEmail", personEmail).toUri(), accessToken);
        JsonArray items = list.get("items") instanceof JsonArray array ? array : JsonValue.EMPTY_JSON_ARRAY;
        int revoked = 0;
        for (JsonValue item : items) {
            if (item instanceof JsonObject grant && webex.clientId().equals(grant.getString("clientId", ""))
                    && !grant.getString("id", "").isEmpty()) {
                http.delete(grantUri(grant.getString("id")), accessToken);
                revoked++;
            }
        }
        return revoked;
    }

    /** A grant id Webex listed that is no path segment ({@code .} or {@code ..}) is a failure, not a skip. */
    private java.net.URI grantUri(String id) {
        try {
            return authorizations.path(id).toUri();
        } catch (IllegalArgumentException e) {
            throw new WebexUnavailableException("Webex listed a grant whose id is no path segment", false, null);
        }
    }
}
