package org.skillbroker.webex;

import java.util.Optional;

/**
 * Webex answered with an error, or could not be reached. Subclasses name what the broker should do about it.
 * The message never contains an upstream body or a token: only the status, a short reason and the
 * {@code trackingId} that Cisco support asks for.
 */
public class WebexException extends RuntimeException {

    private final int status;
    private final String trackingId;

    public WebexException(String message, int status, String trackingId) {
        super(message);
        this.status = status;
        this.trackingId = trackingId;
    }

    public WebexException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.trackingId = null;
    }

    /** The HTTP status Webex answered, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    public Optional<String> trackingId() {
        return Optional.ofNullable(trackingId);
    }
}
