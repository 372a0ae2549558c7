package org.skillbroker.token;

import org.skillbroker.webex.TokenResponse;
import org.skillbroker.webex.WebexUnavailableException;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The tokens of one OAuth grant with absolute expiries, computed once when the token response arrived
 * (RFC 6749 §5.1 gives relative {@code expires_in}; storing absolutes makes every later decision a comparison).
 */
public record TokenSet(String accessToken, Instant accessTokenExpiresAt,
                       String refreshToken, Instant refreshTokenExpiresAt,
                       Set<String> scopes, Instant issuedAt) {

    public TokenSet {
        requireText(accessToken, "accessToken");
        requireText(refreshToken, "refreshToken");
        Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
        Objects.requireNonNull(refreshTokenExpiresAt, "refreshTokenExpiresAt");
        scopes = Set.copyOf(Objects.requireNonNull(scopes, "scopes"));
        Objects.requireNonNull(issuedAt, "issuedAt");
    }

    /**
     * Turns a token response into absolute expiries. A refresh response without a refresh token keeps the
     * old one and its expiry (style.md 16); one without scopes keeps the previous scopes. A first answer without
     * {@code scope} gives an empty set, which means "unknown": never assumed to be what was asked for (fail
     * closed; the status page says so, and Contact Center's 403 on a write tells the admin to reconnect).
     */
    public static TokenSet from(TokenResponse response, Instant now, TokenSet previous) {
        String refreshToken = response.refreshToken().orElseGet(() -> requirePrevious(previous).refreshToken());
        Instant refreshExpiresAt = response.refreshTokenExpiresIn().map(now::plus)
                .orElseGet(() -> requirePrevious(previous).refreshTokenExpiresAt());
        Set<String> scopes = !response.scopes().isEmpty() ? response.scopes()
                : previous != null ? previous.scopes() : Set.of();
        return new TokenSet(response.accessToken(), now.plus(response.expiresIn()), refreshToken, refreshExpiresAt,
                scopes, now);
    }

    private static TokenSet requirePrevious(TokenSet previous) {
        if (previous == null) {
            throw new WebexUnavailableException("Webex token response lacks a refresh token", false, null);
        }
        return previous;
    }

    /** Whether Webex said which scopes it granted (its token answer's {@code scope} is optional). */
    public boolean scopesKnown() {
        return !scopes.isEmpty();
    }

    public boolean accessTokenValidAt(Instant now) {
        return now.isBefore(accessTokenExpiresAt);
    }

    /** Never prints a token: records are printed by loggers and debuggers far from here. */
    @Override
    public String toString() {
        return "TokenSet[accessToken=<redacted>, accessTokenExpiresAt=" + accessTokenExpiresAt
                + ", refreshToken=<redacted>, refreshTokenExpiresAt=" + refreshTokenExpiresAt
                + ", scopes=" + scopes + ", issuedAt=" + issuedAt + "]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
