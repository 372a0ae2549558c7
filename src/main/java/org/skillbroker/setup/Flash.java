package org.skillbroker.setup;

/** A one-time notice after an action ("Connected to Webex…"), kept in the admin's session until shown. */
enum Flash {
    CONNECTED("connected"), SIGNED_IN("signed-in"), DISCONNECTED("disconnected");

    private final String key;

    Flash(String key) {
        this.key = key;
    }

    /** The message key's last part: {@code flash.<key>}. */
    String key() {
        return key;
    }
}
