package org.skillbroker.state;

import java.util.Objects;

/**
 * A store operation failed. The message names where (a file path, or the database) and a short reason, never
 * what was stored: it ends up in logs and on the operator's status page.
 */
public abstract sealed class StoreException extends Exception permits StoreUnreadableException, StoreWriteException {

    private final String location;
    private final String reason;

    StoreException(String location, String reason, Throwable cause) {
        super(location + ": " + reason, cause);
        this.location = Objects.requireNonNull(location, "location");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** A file path or a database description. */
    public String location() {
        return location;
    }

    /** A short reason such as "authentication failed" or "unknown key id k0". */
    public String reason() {
        return reason;
    }
}
