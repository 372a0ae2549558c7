package org.skillbroker.webex;

/** 409: the write was based on a stale version (undocumented for the skill-profile PUT, handled all the same). */
public final class WebexConflictException extends WebexException {
    public WebexConflictException(int status, String trackingId) {
        super("Webex rejected the write as conflicting (" + status + ")", status, trackingId);
    }
}
