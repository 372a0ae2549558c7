package org.skillbroker.webex;

/** Webex failed (5xx), timed out, dropped the connection or answered something unreadable: worth a retry. */
public final class WebexUnavailableException extends WebexException {

    private final boolean timeout;

    public WebexUnavailableException(int status, String trackingId) {
        super("Webex failed (" + status + ")", status, trackingId);
        this.timeout = false;
    }

    public WebexUnavailableException(String message, boolean timeout, Throwable cause) {
        super(message, cause);
        this.timeout = timeout;
    }

    public boolean timeout() {
        return timeout;
    }
}
