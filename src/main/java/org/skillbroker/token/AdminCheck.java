package org.skillbroker.token;

import java.time.Instant;
import java.util.Objects;

/**
 * The latest re-check of the administrator who connected the grant: is that person still active and still a
 * Contact Center administrator of the org? Kept in the grant so that every node sharing the store sees it, and a
 * reconnect (a new grant) starts afresh.
 *
 * @param checkedAt when Webex last answered the question (or last failed to)
 * @param qualified false once Webex said no; writes stop until an administrator reconnects
 * @param reason words for the operator, never a secret (e.g. "user profile is SUPERVISOR")
 */
public record AdminCheck(Instant checkedAt, boolean qualified, String reason) {
    public AdminCheck {
        Objects.requireNonNull(checkedAt, "checkedAt");
        reason = reason == null ? "" : reason;
    }
}
