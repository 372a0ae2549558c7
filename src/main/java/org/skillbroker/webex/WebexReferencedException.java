package org.skillbroker.webex;

/**
 * 412 on a skill-profile PUT: Cisco documents it as "resource referred in other entities". Not a stale version,
 * and not worth retrying: the same write would get the same answer.
 */
public final class WebexReferencedException extends WebexException {
    public WebexReferencedException(String trackingId) {
        super("Webex refused the write: the resource is referred to in other entities (412)", 412, trackingId);
    }
}
