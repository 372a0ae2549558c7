package org.skillbroker.token;

import java.util.Objects;

/** The Webex user who authorised the grant; shown on the status page and written to the log, never secret. */
public record Administrator(String personId, String displayName, String email) implements java.io.Serializable {
    public Administrator {
        Objects.requireNonNull(personId, "personId");
        displayName = displayName == null ? "" : displayName;
        email = email == null ? "" : email;
    }
}
