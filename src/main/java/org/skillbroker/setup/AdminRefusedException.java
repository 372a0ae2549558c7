package org.skillbroker.setup;

/** The person who signed in at Webex may not administer this broker; the message says why, in plain words. */
public final class AdminRefusedException extends Exception {

    private final String kind;

    public AdminRefusedException(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** A stable problem-type suffix, e.g. {@code other-org}, {@code not-admin}. */
    public String kind() {
        return kind;
    }
}
