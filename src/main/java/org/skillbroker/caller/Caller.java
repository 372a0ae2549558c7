package org.skillbroker.caller;

import org.skillbroker.webex.ContactCenterUser;

import java.util.Objects;

/**
 * An authenticated caller allowed to use the API: who (from Webex), what they are in Contact Center, and their own
 * Desktop token, with which Contact Center may answer what they may manage ({@link BearerToken#toString()} never
 * shows it).
 */
public record Caller(Identity identity, ContactCenterUser user, BearerToken token) {
    public Caller {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(token, "token");
    }

    /** Only a user profile with access to ALL teams is unlimited; any other value, missing or unknown, limits. */
    public boolean limitedToTeams() {
        return !user.accessToAllTeams();
    }
}
