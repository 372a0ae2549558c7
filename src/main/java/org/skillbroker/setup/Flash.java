package org.skillbroker.setup;

/** A one-time notice after an action ("Connected to Webex…"), kept in the admin's session until shown. */
enum Flash {
    CONNECTED("connected"), SIGNED_IN("signed-in"), DISCONNECTED("disconnected"),
    // the operator controls (issue 13)
    REFRESHED("refreshed"), REFRESH_FAILED("refresh-failed"), CONNECTION_OK("connection-ok"),
    CONNECTION_FAILED("connection-failed"), TEST_ALERT_SENT("test-alert-sent"), NO_ALERT_CHANNELS("no-alert-channels");

    private final String key;

    Flash(String key) {
        this.key = key;
    }

    /** The message key's last part: {@code flash.<key>}. */
    String key() {
        return key;
    }
}
