package org.skillbroker.setup;

import org.skillbroker.token.Grant;
import org.skillbroker.webex.AuthorizationsClient;
import org.skillbroker.webex.WebexException;
import org.skillbroker.webex.WebexForbiddenException;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Revokes at Webex a grant the broker lets go (disconnect, or a reconnect by another admin), so a copy of its
 * refresh token (a backup of the store, an old node) is worthless. Best effort: the broker has already forgotten
 * the grant; the outcome is kept for the status page, which tells the admin to revoke it in Control Hub when this
 * did not work.
 */
public final class GrantRevocation {

    private static final System.Logger LOG = System.getLogger(GrantRevocation.class.getName());

    /** What happened to the last grant let go. */
    public record Outcome(Instant at, String adminEmail, boolean revoked, String detail) {
    }

    private final AuthorizationsClient authorizations;
    private final Clock clock;
    private volatile Outcome last;

    public GrantRevocation(AuthorizationsClient authorizations, Clock clock) {
        this.authorizations = Objects.requireNonNull(authorizations, "authorizations");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param old      the grant let go
     * @param fallback a token to use when the old grant's access token has expired (the new admin's, on reconnect)
     */
    public Outcome revoke(Grant old, Optional<String> fallback) {
        Instant now = clock.instant();
        String email = old.authorizedBy().email();
        String token = old.tokens().accessTokenValidAt(now) || fallback.isEmpty()
                ? old.tokens().accessToken() : fallback.get();
        Outcome outcome;
        try {
            int revoked = authorizations.revokeAll(token, email);
            outcome = new Outcome(now, email, true, revoked == 0
                    ? "Webex lists no grant of this integration for " + email + " any more"
                    : "revoked at Webex (" + revoked + (revoked == 1 ? " grant)" : " grants)"));
        } catch (WebexForbiddenException e) {
            outcome = new Outcome(now, email, false, "Webex refused to revoke it (403): the grant lacks the scopes "
                    + "identity:tokens_read identity:tokens_write or its admin is no Webex admin"
                    + e.trackingId().map(id -> " (trackingId " + id + ")").orElse(""));
        } catch (WebexException e) {
            outcome = new Outcome(now, email, false, "Webex could not revoke it: " + e.getMessage()
                    + e.trackingId().map(id -> " (trackingId " + id + ")").orElse(""));
        }
        LOG.log(outcome.revoked() ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                "Grant of {0} let go: {1}", email, outcome.detail());
        last = outcome;
        return outcome;
    }

    public Optional<Outcome> last() {
        return Optional.ofNullable(last);
    }
}
