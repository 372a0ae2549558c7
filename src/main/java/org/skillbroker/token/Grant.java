package org.skillbroker.token;

import java.time.Instant;
import java.util.Objects;

/**
 * The admin's grant as stored: tokens plus what an operator needs to know about them.
 *
 * @param generation increases by one with every write; two nodes sharing a store compare it so that a stale
 *                   writer never replaces a newer grant
 * @param lastRefreshAt when a refresh was last attempted, or null
 * @param lastRefreshOutcome a short human-readable outcome of that attempt (never a secret), or null
 */
public record Grant(TokenSet tokens, String orgId, Administrator authorizedBy, Instant authorizedAt,
                    GrantStatus status, Instant lastRefreshAt, String lastRefreshOutcome, long generation) {

    public Grant {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(authorizedBy, "authorizedBy");
        Objects.requireNonNull(authorizedAt, "authorizedAt");
        Objects.requireNonNull(status, "status");
        if (generation < 0) {
            throw new IllegalArgumentException("generation must not be negative");
        }
    }

    public Grant withTokens(TokenSet newTokens, Instant refreshedAt, String outcome) {
        return new Grant(newTokens, orgId, authorizedBy, authorizedAt, GrantStatus.ACTIVE, refreshedAt, outcome,
                generation + 1);
    }

    public Grant withRefreshAttempt(GrantStatus newStatus, Instant attemptedAt, String outcome) {
        return new Grant(tokens, orgId, authorizedBy, authorizedAt, newStatus, attemptedAt, outcome, generation + 1);
    }
}
