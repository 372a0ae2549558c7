package org.skillbroker.webex;

/**
 * The token endpoint answered an OAuth error (RFC 6749 §5.2), e.g. {@code invalid_grant} for an expired,
 * revoked or unknown refresh token or code, or {@code invalid_client} for wrong client credentials.
 */
public final class OAuthErrorException extends WebexException {

    private final String error;

    public OAuthErrorException(String error, int status, String trackingId) {
        super("Webex token endpoint answered " + error + " (" + status + ")", status, trackingId);
        this.error = error;
    }

    /** The RFC 6749 error code, e.g. {@code invalid_grant}. Only known codes, never upstream free text. */
    public String error() {
        return error;
    }

    public boolean invalidGrant() {
        return "invalid_grant".equals(error);
    }
}
