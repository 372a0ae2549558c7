package org.skillbroker.caller;

import java.util.Objects;

/** Who holds a Desktop token, as Webex proved it: person and org UUIDs, e-mail and name. */
public record Identity(String personUuid, String orgUuid, String email, String displayName) {
    public Identity {
        Objects.requireNonNull(personUuid, "personUuid");
        Objects.requireNonNull(orgUuid, "orgUuid");
        email = email == null ? "" : email;
        displayName = displayName == null ? "" : displayName;
    }
}
