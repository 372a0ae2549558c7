package org.skillbroker.config;

import java.util.Objects;

/** A configured secret. It prints as {@code <redacted>} so that no log line or page can show it by accident. */
public final class Secret {

    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The secret itself: call only where it is sent to Webex. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "<redacted>";
    }
}
