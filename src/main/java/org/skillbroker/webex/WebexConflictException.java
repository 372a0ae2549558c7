package org.skillbroker.webex;

/** 409 or 412: the write was based on a stale version, or the resource is referenced elsewhere. */
public final class WebexConflictException extends WebexException {
    public WebexConflictException(int status, String trackingId) {
        super("Webex rejected the write as conflicting (" + status + ")", status, trackingId);
    }
}
