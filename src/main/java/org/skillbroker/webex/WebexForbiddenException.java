package org.skillbroker.webex;

/** 403: the token is valid but lacks a scope, or its user lacks a role or permission. */
public final class WebexForbiddenException extends WebexException {

    private final boolean missingScope;

    public WebexForbiddenException(boolean missingScope, String trackingId) {
        super(missingScope ? "Webex refused: the token lacks a required scope (403)"
                : "Webex refused: access denied (403)", 403, trackingId);
        this.missingScope = missingScope;
    }

    /** Webex said the token lacks a scope (as opposed to the user lacking a role). */
    public boolean missingScope() {
        return missingScope;
    }
}
