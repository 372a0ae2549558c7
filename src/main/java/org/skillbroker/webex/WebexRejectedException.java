package org.skillbroker.webex;

/** Another 4xx: Webex found the request itself wrong. */
public final class WebexRejectedException extends WebexException {
    public WebexRejectedException(int status, String trackingId) {
        super("Webex rejected the request (" + status + ")", status, trackingId);
    }
}
