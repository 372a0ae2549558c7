package org.skillbroker.webex;

/** 404: the resource does not exist (or is not visible to the token's org). */
public final class WebexNotFoundException extends WebexException {
    public WebexNotFoundException(String trackingId) {
        super("Webex does not know the resource (404)", 404, trackingId);
    }
}
