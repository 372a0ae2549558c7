package org.skillbroker.webex;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Form;
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

    public OAuthClient(WebexHttp http, Settings.Webex webex) {
        this.http = Objects.requireNonNull(http, "http");
        this.webex = Objects.requireNonNull(webex, "webex");
    }

    /** Exchanges an authorization code; {@code codeVerifier} is the PKCE verifier (RFC 7636 §4.5). */
    public TokenResponse exchangeCode(String code, URI redirectUri, String codeVerifier) {
        Form form = credentials()
                .param("grant_type", "authorization_code")
                .param("code", code)
                .param("redirect_uri", redirectUri.toString())
                .param("code_verifier", codeVerifier);
        return parse(http.postTokenForm(webex.tokenUri(), form));
    }

    /** Uses the refresh grant (RFC 6749 §6). */
    public TokenResponse refresh(String refreshToken) {
        Form form = credentials()
                .param("grant_type", "refresh_token")
                .param("refresh_token", refreshToken);
        return parse(http.postTokenForm(webex.tokenUri(), form));
    }

    private Form credentials() {
        return new Form().param("client_id", webex.clientId()).param("client_secret", webex.clientSecret().reveal());
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
