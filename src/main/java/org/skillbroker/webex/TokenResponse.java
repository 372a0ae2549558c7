package org.skillbroker.webex;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the token endpoint returned (webex-api.md §1.4), still with relative lifetimes. The {@code token}
 * package turns it into absolute expiries.
 *
 * @param refreshToken empty when the response carried none (then the old one is kept)
 * @param refreshTokenExpiresIn empty when the response did not say
 * @param scopes empty when the response did not say (then the requested ones are assumed)
 */
public record TokenResponse(String accessToken, Duration expiresIn, Optional<String> refreshToken,
                            Optional<Duration> refreshTokenExpiresIn, Set<String> scopes) {

    public TokenResponse {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresIn, "expiresIn");
        scopes = Set.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "TokenResponse[accessToken=<redacted>, expiresIn=" + expiresIn + ", refreshToken="
                + refreshToken.map(t -> "<redacted>").orElse("none") + ", refreshTokenExpiresIn="
                + refreshTokenExpiresIn + ", scopes=" + scopes + "]";
    }
}
