package org.skillbroker.webex;

import java.util.Objects;

/** The user behind a token, from {@code /v1/people/me}, with ids already decoded to UUIDs. */
public record Person(String personUuid, String orgUuid, String displayName, String email) {
    public Person {
        Objects.requireNonNull(personUuid, "personUuid");
        Objects.requireNonNull(orgUuid, "orgUuid");
        displayName = displayName == null ? "" : displayName;
        email = email == null ? "" : email;
    }
}
