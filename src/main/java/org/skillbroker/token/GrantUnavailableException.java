package org.skillbroker.token;

/** There is no usable admin token right now; {@link #reason()} says why, for the operator and the caller. */
public final class GrantUnavailableException extends RuntimeException {

    public enum Reason { NOT_CONFIGURED, NOT_CONNECTED, REAUTHORIZATION_REQUIRED, STORE_UNREADABLE, EXPIRED,
        /** The administrator who connected no longer qualifies: writes stop, reads go on. */
        ADMIN_NOT_QUALIFIED }

    private final Reason reason;
    private final java.util.Optional<java.time.Duration> retryAfter;

    public GrantUnavailableException(Reason reason, String message) {
        this(reason, message, null);
    }

    /** @param retryAfter when it is worth asking again (the refresher's next attempt), or null when unknown */
    public GrantUnavailableException(Reason reason, String message, java.time.Duration retryAfter) {
        super(message);
        this.reason = reason;
        this.retryAfter = java.util.Optional.ofNullable(retryAfter);
    }

    public java.util.Optional<java.time.Duration> retryAfter() {
        return retryAfter;
    }

    public Reason reason() {
        return reason;
    }
}
