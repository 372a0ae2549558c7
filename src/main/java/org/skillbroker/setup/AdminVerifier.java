package org.skillbroker.setup;

import org.skillbroker.config.Settings;
import org.skillbroker.token.Administrator;
import org.skillbroker.webex.ContactCenterUser;
import org.skillbroker.webex.ContactCenterUsers;
import org.skillbroker.webex.PeopleClient;
import org.skillbroker.webex.Person;
import org.skillbroker.webex.WebexNotFoundException;

import java.util.Locale;
import java.util.Objects;

/**
 * Decides whether the person behind a fresh Webex token may administer the broker: a user of the configured
 * org, a Contact Center administrator, and (if a list is configured) one of the listed e-mail addresses.
 */
public final class AdminVerifier {

    private final Settings settings;
    private final PeopleClient people;
    private final ContactCenterUsers contactCenterUsers;

    public AdminVerifier(Settings settings, PeopleClient people, ContactCenterUsers contactCenterUsers) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.people = Objects.requireNonNull(people, "people");
        this.contactCenterUsers = Objects.requireNonNull(contactCenterUsers, "contactCenterUsers");
    }

    /**
     * @param personToken the token of the person who just signed in (proves who they are)
     * @param lookupToken a token allowed to read Contact Center users: the person's own when connecting, the
     *                    stored admin token when only signing in
     */
    public Administrator verify(String personToken, java.util.function.Supplier<String> lookupToken)
            throws AdminRefusedException {
        Person person = people.me(personToken);
        String orgId = settings.webex().orgId();
        if (!orgId.equals(person.orgUuid())) {
            throw new AdminRefusedException("other-org", "You signed in as " + display(person)
                    + ", a user of another Webex organisation. This broker serves organisation " + orgId + ".");
        }
        if (!settings.setup().adminEmails().isEmpty()
                && !settings.setup().adminEmails().contains(person.email().toLowerCase(Locale.ROOT))) {
            throw new AdminRefusedException("not-listed", "You signed in as " + display(person)
                    + ", who is not on this broker's list of administrators (skillbroker.setup.admin-emails).");
        }
        ContactCenterUser user;
        try {
            user = contactCenterUsers.byCiUserId(lookupToken.get(), orgId, person.personUuid());
        } catch (WebexNotFoundException e) {
            throw new AdminRefusedException("not-admin", "You signed in as " + display(person)
                    + ", who is not a Contact Center user. Sign in as a Contact Center administrator.");
        }
        if (!user.active() || !user.contactCenterEnabled()) {
            throw new AdminRefusedException("not-admin", "You signed in as " + display(person)
                    + ", whose Contact Center user is inactive or not enabled for Contact Center.");
        }
        // the analyzer types administer Analyzer, not Contact Center: never an administrator here, whatever is set
        if (user.profileType().startsWith("ANALYZER_")
                || !settings.setup().adminProfileTypes().contains(user.profileType().toUpperCase(Locale.ROOT))) {
            throw new AdminRefusedException("not-admin", "You signed in as " + display(person)
                    + ", whose Contact Center user profile is " + user.profileType()
                    + ". Only a Contact Center administrator may set up this broker.");
        }
        return new Administrator(person.personUuid(), person.displayName(), person.email());
    }

    private static String display(Person person) {
        return person.displayName().isEmpty() ? person.email() : person.displayName() + " (" + person.email() + ")";
    }
}
