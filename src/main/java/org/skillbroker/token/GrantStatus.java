package org.skillbroker.token;

/** Whether the stored grant can still be refreshed. */
public enum GrantStatus {
    ACTIVE,
    /** Webex answered {@code invalid_grant}: the grant is kept for inspection, an admin must connect again. */
    REAUTHORIZATION_REQUIRED
}
