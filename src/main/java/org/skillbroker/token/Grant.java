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
 * @param adminCheck the latest re-check of the connecting administrator, or null before the first one (a grant
 *                   written by an earlier version has none either)
 * @param alertMarks per alert kind (slug), whether it is firing and when it was last sent: kept with the grant
 *                   because the grant is what every node shares with a compare-and-save; never null once read
 * @param serviceAppId the Service App whose tokens these are (refreshed with its client credentials; Contact
 *                     Center sees the app, not {@code authorizedBy}), or null for an administrator's own grant
 */
public record Grant(TokenSet tokens, String orgId, Administrator authorizedBy, Instant authorizedAt,
                    GrantStatus status, Instant lastRefreshAt, String lastRefreshOutcome, long generation,
                    AdminCheck adminCheck, java.util.Map<String, AlertMark> alertMarks, String serviceAppId) {

    public Grant {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(authorizedBy, "authorizedBy");
        Objects.requireNonNull(authorizedAt, "authorizedAt");
        Objects.requireNonNull(status, "status");
        alertMarks = alertMarks == null ? java.util.Map.of() : java.util.Map.copyOf(alertMarks);
        if (generation < 0) {
            throw new IllegalArgumentException("generation must not be negative");
        }
    }

    /** An administrator's grant without a re-check or alert marks yet. */
    public Grant(TokenSet tokens, String orgId, Administrator authorizedBy, Instant authorizedAt, GrantStatus status,
                 Instant lastRefreshAt, String lastRefreshOutcome, long generation) {
        this(tokens, orgId, authorizedBy, authorizedAt, status, lastRefreshAt, lastRefreshOutcome, generation, null,
                null, null);
    }

    public Grant withTokens(TokenSet newTokens, Instant refreshedAt, String outcome) {
        return new Grant(newTokens, orgId, authorizedBy, authorizedAt, GrantStatus.ACTIVE, refreshedAt, outcome,
                generation + 1, adminCheck, alertMarks, serviceAppId);
    }

    public Grant withRefreshAttempt(GrantStatus newStatus, Instant attemptedAt, String outcome) {
        return new Grant(tokens, orgId, authorizedBy, authorizedAt, newStatus, attemptedAt, outcome, generation + 1,
                adminCheck, alertMarks, serviceAppId);
    }

    public Grant withAdminCheck(AdminCheck check) {
        return new Grant(tokens, orgId, authorizedBy, authorizedAt, status, lastRefreshAt, lastRefreshOutcome,
                generation + 1, check, alertMarks, serviceAppId);
    }

    public Grant withAlertMark(String kind, AlertMark mark) {
        java.util.Map<String, AlertMark> marks = new java.util.HashMap<>(alertMarks);
        marks.put(kind, mark);
        return new Grant(tokens, orgId, authorizedBy, authorizedAt, status, lastRefreshAt, lastRefreshOutcome,
                generation + 1, adminCheck, marks, serviceAppId);
    }

    public boolean serviceApp() {
        return serviceAppId != null;
    }

    /** The connecting administrator was found no longer qualified: writes must stop. */
    public boolean adminDisqualified() {
        return adminCheck != null && !adminCheck.qualified();
    }
}
