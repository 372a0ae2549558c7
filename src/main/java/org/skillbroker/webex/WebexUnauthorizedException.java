package org.skillbroker.webex;

/** 401: the token is missing, unknown, expired or revoked. */
public final class WebexUnauthorizedException extends WebexException {
    public WebexUnauthorizedException(String trackingId) {
        super("Webex rejected the token (401)", 401, trackingId);
    }
}
