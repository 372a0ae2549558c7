package org.skillbroker.setup;

import org.skillbroker.config.Settings;
import org.skillbroker.token.AdminCalls;
import org.skillbroker.token.AdminCheck;
import org.skillbroker.token.Grant;
import org.skillbroker.token.GrantStatus;
import org.skillbroker.token.GrantUnavailableException;
import org.skillbroker.token.TokenRefresher;
import org.skillbroker.webex.ContactCenterUser;
import org.skillbroker.webex.ContactCenterUsers;
import org.skillbroker.webex.PeopleClient;
import org.skillbroker.webex.Person;
import org.skillbroker.webex.WebexException;
import org.skillbroker.webex.WebexForbiddenException;
import org.skillbroker.webex.WebexNotFoundException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks Webex, once per interval (daily by default), whether the administrator who connected the grant still
 * qualifies: the grant still speaks for that person in the configured org ({@code /v1/people/me}), and the
 * person is still an active Contact Center user with an administrator profile (CC user lookup). Two calls per
 * check. The answer is stored in the grant, so every node sharing it stops writing when it is "no", and a later
 * "yes" (the role given back) lets writes go on again.
 *
 * <p>Fail closed on what Webex says, not on whether Webex answers: a clear "no" (404, 403, another profile type,
 * inactive, another person or org) disqualifies; an outage or rate limit only postpones the check by
 * {@link #RETRY_AFTER_FAILURE}.
 */
public final class AdminRecheck {

    static final Duration RETRY_AFTER_FAILURE = Duration.ofHours(1);
    private static final System.Logger LOG = System.getLogger(AdminRecheck.class.getName());

    private final TokenRefresher refresher;
    private final AdminCalls adminCalls;
    private final PeopleClient people;
    private final ContactCenterUsers users;
    private final Settings settings;
    private final Clock clock;
    private final org.skillbroker.audit.EventHistory events;
    private volatile Instant lastFailureAt;
    private volatile String lastFailure;

    public AdminRecheck(TokenRefresher refresher, AdminCalls adminCalls, PeopleClient people, ContactCenterUsers users,
                        Settings settings, Clock clock, org.skillbroker.audit.EventHistory events) {
        this.events = Objects.requireNonNull(events, "events");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.adminCalls = Objects.requireNonNull(adminCalls, "adminCalls");
        this.people = Objects.requireNonNull(people, "people");
        this.users = Objects.requireNonNull(users, "users");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** When the next check is due for this grant (now, for a grant that was never checked). */
    public Optional<Instant> nextCheckAt() {
        return refresher.cachedGrant().filter(g -> g.status() == GrantStatus.ACTIVE && !g.serviceApp()).map(this::dueAt);
    }

    /** Why the last attempt on this node could not get an answer, if it failed and nothing succeeded since. */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** The timer's tick. */
    public Optional<AdminCheck> runIfDue() {
        // the grant as stored: another node may have checked already
        // a Service App's grant does not speak for a person: nobody to re-check
        Optional<Grant> grant = refresher.grant().filter(g -> g.status() == GrantStatus.ACTIVE && !g.serviceApp());
        Instant now = clock.instant();
        if (grant.isEmpty() || now.isBefore(dueAt(grant.get()))) {
            return Optional.empty();
        }
        return check(grant.get());
    }

    private Instant dueAt(Grant grant) {
        Instant due = grant.adminCheck() == null ? grant.authorizedAt() // a grant stored before re-checks existed
                : grant.adminCheck().checkedAt().plus(settings.setup().adminRecheckInterval());
        Instant failed = lastFailureAt;
        if (failed != null && failed.plus(RETRY_AFTER_FAILURE).isAfter(due)) {
            due = failed.plus(RETRY_AFTER_FAILURE);
        }
        return due;
    }

    private Optional<AdminCheck> check(Grant grant) {
        Instant now = clock.instant();
        Optional<String> disqualified;
        try {
            disqualified = ask(grant);
        } catch (WebexException | GrantUnavailableException e) {
            lastFailureAt = now;
            lastFailure = e.getMessage();
            events.record("re-check failed", "", e.getMessage());
            LOG.log(System.Logger.Level.WARNING, "Administrator re-check could not get an answer ({0}); trying again "
                    + "in {1}", e.getMessage(), RETRY_AFTER_FAILURE);
            return Optional.empty();
        }
        lastFailureAt = null;
        lastFailure = null;
        AdminCheck result = new AdminCheck(now, disqualified.isEmpty(),
                disqualified.orElse("is still an active Contact Center administrator"));
        // stored unless an administrator reconnected meanwhile (a new grant, checked when connecting)
        Optional<Grant> stored = refresher.update(current -> current.authorizedAt().equals(grant.authorizedAt())
                && current.authorizedBy().equals(grant.authorizedBy())
                ? Optional.of(current.withAdminCheck(result)) : Optional.empty());
        if (stored.isPresent()) {
            events.record("re-checked", "", grant.authorizedBy().email() + " " + result.reason());
            if (disqualified.isPresent()) {
                LOG.log(System.Logger.Level.ERROR, "Administrator {0}, who connected the broker, {1}: changes are "
                        + "stopped until an administrator reconnects", grant.authorizedBy().email(), result.reason());
            } else {
                LOG.log(System.Logger.Level.INFO, "Administrator {0} re-checked: still qualifies",
                        grant.authorizedBy().email());
            }
        }
        return Optional.of(result);
    }

    /** @return why the administrator no longer qualifies, or empty when they still do */
    private Optional<String> ask(Grant grant) {
        String orgId = settings.webex().orgId();
        Person person;
        try {
            person = adminCalls.read(people::me);
        } catch (WebexForbiddenException e) {
            return Optional.of("may no longer read their own Webex identity (403)");
        }
        if (!person.personUuid().equals(grant.authorizedBy().personId())) {
            return Optional.of("is no longer the person the grant speaks for");
        }
        if (!orgId.equals(person.orgUuid())) {
            return Optional.of("is no longer a user of organisation " + orgId);
        }
        if (!settings.setup().adminEmails().isEmpty()
                && !settings.setup().adminEmails().contains(person.email().toLowerCase(Locale.ROOT))) {
            return Optional.of("is no longer on the broker's list of administrators (skillbroker.setup.admin-emails)");
        }
        ContactCenterUser user;
        try {
            user = adminCalls.read(token -> users.byCiUserId(token, orgId, person.personUuid()));
        } catch (WebexNotFoundException e) {
            return Optional.of("is no longer a Contact Center user");
        } catch (WebexForbiddenException e) {
            return Optional.of("may no longer read Contact Center users (403)");
        }
        if (!user.active()) {
            return Optional.of("is no longer an active Contact Center user");
        }
        if (!settings.setup().adminProfileTypes().contains(user.profileType().toUpperCase(Locale.ROOT))) {
            return Optional.of("no longer has a Contact Center administrator profile (now "
                    + (user.profileType().isEmpty() ? "none" : user.profileType()) + ")");
        }
        return Optional.empty();
    }
}
