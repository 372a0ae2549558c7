package org.skillbroker.webex;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.skillbroker.config.Settings;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Webex's OAuth token endpoint (webex-api.md §1.3, §1.6): the authorization-code exchange and the refresh
 * grant. Client credentials travel in the form body, never in a URL (RFC 6749 §2.3.1).
 */
public final class OAuthClient {

    private final WebexHttp http;
    private final Settings.Webex webex;
    private final Settings.ServiceApp serviceApp;

    public OAuthClient(WebexHttp http, Settings.Webex webex) {
        this(http, webex, new Settings.ServiceApp(Optional.empty(), Optional.empty(), Optional.empty()));
    }

    public OAuthClient(WebexHttp http, Settings.Webex webex, Settings.ServiceApp serviceApp) {
        this.http = Objects.requireNonNull(http, "http");
        this.webex = Objects.requireNonNull(webex, "webex");
        this.serviceApp = Objects.requireNonNull(serviceApp, "serviceApp");
    }

    /** Exchanges an authorization code; {@code codeVerifier} is the PKCE verifier (RFC 7636 §4.5). */
    public TokenResponse exchangeCode(String code, URI redirectUri, String codeVerifier) {
        TokenForm form = credentials()
                .add("grant_type", "authorization_code")
                .add("code", code)
                .add("redirect_uri", redirectUri.toString())
                .add("code_verifier", codeVerifier);
        return parse(http.postTokenForm(webex.tokenUri(), form));
    }

    /** Uses the refresh grant (RFC 6749 §6). */
    public TokenResponse refresh(String refreshToken) {
        TokenForm form = credentials()
                .add("grant_type", "refresh_token")
                .add("refresh_token", refreshToken);
        return parse(http.postTokenForm(webex.tokenUri(), form));
    }

    /**
     * Refreshes a Service App's grant: the refresh token was issued to the Service App's client, so its own
     * credentials authenticate the request.
     */
    public TokenResponse refreshServiceApp(String refreshToken) {
        if (!serviceApp.enabled()) {
            throw new WebexUnavailableException("the stored grant is a Service App's, but no Service App is configured"
                    + " (skillbroker.service-app.*)", false, null);
        }
        TokenForm form = new TokenForm().add("client_id", serviceApp.clientId().get())
                .add("client_secret", serviceApp.clientSecret().get().reveal())
                .add("grant_type", "refresh_token")
                .add("refresh_token", refreshToken);
        return parse(http.postTokenForm(webex.tokenUri(), form));
    }

    /**
     * A Service App's first tokens (webex-api.md §10): {@code POST /v1/applications/{id}/token} with the signed-in
     * administrator's own token, which must carry {@code spark:applications_token}. The body names the app's
     * credentials and the org it was authorised in (as the Webex REST id of the org).
     */
    public TokenResponse serviceAppToken(String adminAccessToken, String orgUuid) {
        jakarta.json.JsonObject body = org.skillbroker.Jsonp.createObjectBuilder()
                .add("clientId", serviceApp.clientId().orElseThrow())
                .add("clientSecret", serviceApp.clientSecret().orElseThrow().reveal())
                .add("targetOrgId", WebexIds.restIdOf("ORGANIZATION", orgUuid))
                .build();
        URI uri = WebexUri.origin(webex.apiBase())
                .path("v1", "applications", serviceApp.applicationId().orElseThrow(), "token").toUri();
        return parse(http.postTracked(uri, adminAccessToken, body).body());
    }

    private TokenForm credentials() {
        return new TokenForm().add("client_id", webex.clientId()).add("client_secret", webex.clientSecret().reveal());
    }

    static TokenResponse parse(JsonObject json) {
        String accessToken = text(json, "access_token")
                .orElseThrow(() -> malformed("access_token"));
        Duration expiresIn = seconds(json, "expires_in").orElseThrow(() -> malformed("expires_in"));
        Set<String> scopes = text(json, "scope")
                .map(s -> Arrays.stream(s.split("[\\s,]+")).filter(w -> !w.isEmpty())
                        .collect(Collectors.toCollection(LinkedHashSet::new)))
                .map(Set::copyOf)
                .orElse(Set.of());
        return new TokenResponse(accessToken, expiresIn, text(json, "refresh_token"),
                seconds(json, "refresh_token_expires_in"), scopes);
    }

    private static Optional<String> text(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value != null && value.getValueType() == JsonValue.ValueType.STRING) {
            String text = json.getString(name);
            return text.isBlank() ? Optional.empty() : Optional.of(text);
        }
        return Optional.empty();
    }

    private static Optional<Duration> seconds(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value instanceof JsonNumber number && number.longValue() > 0) {
            return Optional.of(Duration.ofSeconds(number.longValue()));
        }
        return Optional.empty();
    }

    private static WebexUnavailableException malformed(String field) {
        return new WebexUnavailableException("Webex token response lacks " + field, false, null);
    }
}
