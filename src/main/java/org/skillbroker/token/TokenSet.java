package org.skillbroker.token;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The tokens of one OAuth grant with absolute expiries, computed once when the token response arrived
 * (RFC 6749 §5.1 gives relative {@code expires_in}; storing absolutes makes every later decision a comparison).
 */
public record TokenSet(String accessToken, Instant accessTokenExpiresAt,
                       String refreshToken, Instant refreshTokenExpiresAt,
                       Set<String> scopes) {

    public TokenSet {
        requireText(accessToken, "accessToken");
        requireText(refreshToken, "refreshToken");
        Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
        Objects.requireNonNull(refreshTokenExpiresAt, "refreshTokenExpiresAt");
        scopes = Set.copyOf(Objects.requireNonNull(scopes, "scopes"));
    }

    public boolean accessTokenValidAt(Instant now) {
        return now.isBefore(accessTokenExpiresAt);
    }

    /** Never prints a token: records are printed by loggers and debuggers far from here. */
    @Override
    public String toString() {
        return "TokenSet[accessToken=<redacted>, accessTokenExpiresAt=" + accessTokenExpiresAt
                + ", refreshToken=<redacted>, refreshTokenExpiresAt=" + refreshTokenExpiresAt
                + ", scopes=" + scopes + "]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
