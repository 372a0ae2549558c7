package org.skillbroker.token;

/** There is no usable admin token right now; {@link #reason()} says why, for the operator and the caller. */
public final class GrantUnavailableException extends RuntimeException {

    public enum Reason { NOT_CONFIGURED, NOT_CONNECTED, REAUTHORIZATION_REQUIRED, STORE_UNREADABLE, EXPIRED }

    private final Reason reason;

    public GrantUnavailableException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
