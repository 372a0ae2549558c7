package org.skillbroker.caller;

import org.skillbroker.webex.ContactCenterUser;

import java.util.Objects;

/** An authenticated caller allowed to use the API: who (from Webex) and what they are in Contact Center. */
public record Caller(Identity identity, ContactCenterUser user) {
    public Caller {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(user, "user");
    }

    /** A supervisor whose user profile grants access to specific teams only. */
    public boolean limitedToTeams() {
        return "SPECIFIC".equalsIgnoreCase(user.accessAllTeams());
    }
}
