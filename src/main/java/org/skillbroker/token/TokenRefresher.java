package org.skillbroker.token;

import org.skillbroker.state.Lease;
import org.skillbroker.state.Leases;
import org.skillbroker.state.StoreUnavailableException;
import org.skillbroker.webex.OAuthClient;
import org.skillbroker.webex.OAuthErrorException;
import org.skillbroker.webex.TokenResponse;
import org.skillbroker.webex.WebexException;
import org.skillbroker.webex.WebexRateLimitedException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps the admin's access token fresh. The timer calls {@link #refreshDue()}; request threads call
 * {@link #accessToken()} and, after Webex rejected a token, {@link #refreshAfterRejection(String)}.
 *
 * <p>One refresh at a time: in this process through a lock (a request that finds the token expired waits for
 * the running refresh instead of starting another), across nodes through the {@link Leases#REFRESH} lease of
 * the shared store, after which the store is re-read so a node never refreshes what another node just
 * refreshed. The lease outlives one token call (its time to live is set from the HTTP timeouts) and fences the
 * write: a node that stalled past it cannot store what it got.
 */
public final class TokenRefresher {

    private static final System.Logger LOG = System.getLogger(TokenRefresher.class.getName());
    private static final Duration LEASE_WAIT = Duration.ofSeconds(10);

    private final GrantKeeper keeper;
    private final OAuthClient oauth;
    private final Leases leases;
    private final Duration leaseTtl;
    private final RefreshPolicy policy;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();

    private final java.util.concurrent.atomic.LongAdder attempts = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder successes = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder failureCount = new java.util.concurrent.atomic.LongAdder();
    private volatile int failures;
    private volatile Instant retryAt;
    private volatile RefreshOutcome lastOutcome;
    private volatile Instant lastAttemptAt;
    private volatile boolean warnedExpiry;

    /** @param leaseTtl how long the refresh lease lasts: longer than one call to the token endpoint */
    public TokenRefresher(GrantKeeper keeper, OAuthClient oauth, Leases leases, Duration leaseTtl,
                          RefreshPolicy policy, Clock clock) {
        this.keeper = Objects.requireNonNull(keeper, "keeper");
        this.oauth = Objects.requireNonNull(oauth, "oauth");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.leaseTtl = Objects.requireNonNull(leaseTtl, "leaseTtl");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The timer's tick: picks up another node's writes, retries a failed write, refreshes when due. */
    public RefreshOutcome refreshDue() {
        keeper.reloadIfChanged();
        keeper.retryPendingWrite();
        Optional<RefreshOutcome> blocked = blocked();
        if (blocked.isPresent()) {
            return blocked.get();
        }
        Instant now = clock.instant();
        TokenSet tokens = keeper.current().orElseThrow().tokens();
        if (!policy.isDue(tokens, now)) {
            return new RefreshOutcome.NotDue(policy.dueAt(tokens));
        }
        Instant notBefore = retryAt;
        if (notBefore != null && now.isBefore(notBefore)) {
            return lastOutcome;
        }
        return refresh(current -> policy.isDue(current, clock.instant()));
    }

    /**
     * A valid admin access token. When it has expired (a failed refresh, a long pause), refreshes first, waiting
     * for a refresh that is already running.
     *
     * @throws GrantUnavailableException when there is none and none can be had
     */
    public String accessToken() {
        Grant grant = usableGrant();
        Instant now = clock.instant();
        if (grant.tokens().accessTokenValidAt(now)) {
            return grant.tokens().accessToken();
        }
        Instant notBefore = retryAt;
        if (notBefore != null && now.isBefore(notBefore)) {
            // The refresher is backing off (Webex failing or rate-limiting the token endpoint): a request must not
            // hammer it in between. The caller is told when the next attempt is due.
            throw new GrantUnavailableException(GrantUnavailableException.Reason.EXPIRED,
                    "The admin access token expired and refreshing it is failing; the next attempt is at "
                            + notBefore + ": " + describe(lastOutcome), Duration.between(now, notBefore));
        }
        refresh(current -> !current.accessTokenValidAt(clock.instant()));
        grant = usableGrant();
        if (!grant.tokens().accessTokenValidAt(clock.instant())) {
            Instant next = retryAt;
            throw new GrantUnavailableException(GrantUnavailableException.Reason.EXPIRED,
                    "The admin access token expired and could not be refreshed: " + describe(lastOutcome),
                    next == null ? null : Duration.between(clock.instant(), next));
        }
        return grant.tokens().accessToken();
    }

    /**
     * Webex answered 401 to {@code rejectedToken}: refresh once, unless another thread already replaced it.
     * Compares tokens only in memory, to decide; never logs them.
     */
    public RefreshOutcome refreshAfterRejection(String rejectedToken) {
        return refresh(current -> current.accessToken().equals(rejectedToken));
    }

    /** Calls to Webex's token endpoint for a refresh, since start. */
    public long attempts() {
        return attempts.sum();
    }

    public long successes() {
        return successes.sum();
    }

    /** Failed refreshes, including another node holding the lock and {@code invalid_grant}. */
    public long failures() {
        return failureCount.sum();
    }

    /**
     * Changes the stored grant other than by refreshing it (an administrator re-check, an alert mark), under the
     * same locks as a refresh, so the change and a refresh on any node never overwrite each other.
     *
     * @param change gets the freshly read grant; returns the grant to store, or empty to store nothing
     * @return the stored grant, or empty when nothing was stored (no grant, no change, or the lock was busy)
     */
    public Optional<Grant> update(java.util.function.Function<Grant, Optional<Grant>> change) {
        lock.lock();
        try {
            Optional<Lease> held = leases.tryAcquire(Leases.REFRESH, leaseTtl, LEASE_WAIT);
            if (held.isEmpty()) {
                return Optional.empty();
            }
            try (Lease lease = held.get()) {
                keeper.reload();
                Optional<Grant> current = keeper.current();
                Optional<Grant> next = current.flatMap(change);
                if (next.isEmpty() || !keeper.save(next.get(), current.get().generation(), held)) {
                    return Optional.empty();
                }
                return next;
            }
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot take the refresh lease ({0}); grant not updated",
                    e.getMessage());
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** The grant as this node last read it: no store access, for checks on every request. */
    public Optional<Grant> cachedGrant() {
        return keeper.current();
    }

    /** The grant as last stored (by any node). */
    public Optional<Grant> grant() {
        keeper.reloadIfChanged();
        return keeper.current();
    }

    public RefreshStatus status() {
        Instant nextAttempt = retryAt;
        Optional<Grant> grant = keeper.current();
        Instant attemptAt = lastAttemptAt;
        if (grant.isPresent() && attemptAt != null && !attemptAt.isAfter(grant.get().authorizedAt())) {
            // The last attempt was made with a grant an admin has since replaced (a reconnect, here or on another
            // node): its outcome, an invalid_grant say, says nothing about the grant in use now.
            return new RefreshStatus(Optional.empty(), Optional.empty(),
                    grant.get().status() == GrantStatus.ACTIVE ? Optional.of(policy.dueAt(grant.get().tokens()))
                            : Optional.empty(), 0);
        }
        if (nextAttempt == null && grant.isPresent() && grant.get().status() == GrantStatus.ACTIVE) {
            nextAttempt = policy.dueAt(grant.get().tokens());
        }
        return new RefreshStatus(Optional.ofNullable(lastAttemptAt), Optional.ofNullable(lastOutcome),
                Optional.ofNullable(nextAttempt), failures);
    }

    private Grant usableGrant() {
        keeper.reloadIfChanged();
        if (keeper.unreadable().isPresent() && keeper.current().isEmpty()) {
            throw new GrantUnavailableException(GrantUnavailableException.Reason.STORE_UNREADABLE,
                    "The token store cannot be read; see /setup");
        }
        Grant grant = keeper.current().orElseThrow(() -> new GrantUnavailableException(
                GrantUnavailableException.Reason.NOT_CONNECTED, "No admin has connected the broker to Webex yet"));
        if (grant.status() == GrantStatus.REAUTHORIZATION_REQUIRED) {
            throw new GrantUnavailableException(GrantUnavailableException.Reason.REAUTHORIZATION_REQUIRED,
                    "The admin grant needs re-authorisation at /setup");
        }
        return grant;
    }

    private Optional<RefreshOutcome> blocked() {
        if (keeper.current().isEmpty()) {
            return Optional.of(new RefreshOutcome.NoGrant(keeper.unreadable().isPresent()
                    ? "token store unreadable" : "not connected"));
        }
        if (keeper.current().get().status() == GrantStatus.REAUTHORIZATION_REQUIRED) {
            return Optional.of(new RefreshOutcome.ReauthorizationRequired("re-authorisation required"));
        }
        return Optional.empty();
    }

    private interface Still {
        boolean needsRefresh(TokenSet current);
    }

    private RefreshOutcome refresh(Still still) {
        lock.lock();
        try {
            // Whoever held the lock before us may have done the work already.
            Optional<RefreshOutcome> blocked = blocked();
            if (blocked.isPresent()) {
                return blocked.get();
            }
            if (!still.needsRefresh(keeper.current().get().tokens())) {
                return new RefreshOutcome.RefreshedElsewhere(keeper.current().get().tokens().accessTokenExpiresAt());
            }
            Optional<Lease> held;
            try {
                held = leases.tryAcquire(Leases.REFRESH, leaseTtl, LEASE_WAIT);
            } catch (StoreUnavailableException e) {
                // A read-only directory or a database outage. While the token has time left, wait for the store
                // (backing off): another node may be refreshing. Near its end, refresh without the lease and keep
                // the grant in memory (the keeper reports the failed write and retries it): two nodes might then
                // both refresh, which Webex tolerates; an expired admin token would not be tolerated by anyone.
                TokenSet tokens = keeper.current().get().tokens();
                if (!nearExpiry(tokens)) {
                    return failed("shared store unavailable for the refresh lease: " + e.getMessage(), null);
                }
                LOG.log(System.Logger.Level.WARNING, "Cannot take the refresh lease ({0}); refreshing without it",
                        e.getMessage());
                return refreshLocked(keeper.current().get(), Optional.empty());
            }
            if (held.isEmpty()) {
                return failed("another node holds the refresh lease", null);
            }
            try (Lease lease = held.get()) {
                keeper.reload(); // another node may have refreshed while we waited for the lock
                blocked = blocked();
                if (blocked.isPresent()) {
                    return blocked.get();
                }
                Grant grant = keeper.current().get();
                if (!still.needsRefresh(grant.tokens())) {
                    return succeeded(new RefreshOutcome.RefreshedElsewhere(grant.tokens().accessTokenExpiresAt()));
                }
                return refreshLocked(grant, held);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The last eighth of the access token's lifetime (or later). */
    private boolean nearExpiry(TokenSet tokens) {
        Duration lifetime = Duration.between(tokens.issuedAt(), tokens.accessTokenExpiresAt());
        return !tokens.accessTokenValidAt(clock.instant().plus(lifetime.dividedBy(8)));
    }

    private RefreshOutcome refreshLocked(Grant grant, Optional<Lease> lease) {
        Instant now = clock.instant();
        lastAttemptAt = now;
        attempts.increment();
        try {
            TokenResponse response = grant.serviceApp() ? oauth.refreshServiceApp(grant.tokens().refreshToken())
                    : oauth.refresh(grant.tokens().refreshToken());
            TokenSet tokens = TokenSet.from(response, now, grant.tokens());
            RefreshOutcome.Refreshed outcome = new RefreshOutcome.Refreshed(tokens.accessTokenExpiresAt());
            if (!keeper.save(grant.withTokens(tokens, now, "refreshed"), grant.generation(), lease)) {
                // fenced (our lease ran out during the call) or another node wrote first: theirs stands
                LOG.log(System.Logger.Level.WARNING, "Refreshed admin token not stored: the refresh lease was lost "
                        + "or another node stored a newer grant first");
                return succeeded(new RefreshOutcome.RefreshedElsewhere(
                        keeper.current().map(g -> g.tokens().accessTokenExpiresAt()).orElse(now)));
            }
            LOG.log(System.Logger.Level.INFO, "Admin token refreshed; valid until {0}, refresh token until {1}",
                    tokens.accessTokenExpiresAt(), tokens.refreshTokenExpiresAt());
            successes.increment();
            return succeeded(outcome);
        } catch (OAuthErrorException e) {
            if (e.invalidGrant()) {
                return reauthorizationRequired(grant, now, e, lease);
            }
            return failed("Webex token endpoint answered " + e.error() + trackingId(e), null);
        } catch (WebexRateLimitedException e) {
            return failed("Webex rate limit reached" + trackingId(e), e.retryAfter());
        } catch (WebexException e) {
            return failed(e.getMessage() + trackingId(e), null);
        }
    }

    private RefreshOutcome reauthorizationRequired(Grant grant, Instant now, OAuthErrorException e,
                                                   Optional<Lease> lease) {
        failureCount.increment();
        String why = "Webex answered invalid_grant: the refresh token expired or was revoked; an admin must "
                + "connect again at /setup" + trackingId(e);
        keeper.save(grant.withRefreshAttempt(GrantStatus.REAUTHORIZATION_REQUIRED, now, why), grant.generation(),
                lease);
        LOG.log(System.Logger.Level.ERROR, "Admin grant needs re-authorisation: {0}", why);
        retryAt = null;
        failures = 0;
        RefreshOutcome outcome = new RefreshOutcome.ReauthorizationRequired(why);
        lastOutcome = outcome;
        return outcome;
    }

    private RefreshOutcome succeeded(RefreshOutcome outcome) {
        failures = 0;
        retryAt = null;
        warnedExpiry = false;
        lastOutcome = outcome;
        return outcome;
    }

    private RefreshOutcome failed(String why, Duration retryAfter) {
        Instant now = clock.instant();
        failureCount.increment();
        failures = failures + 1;
        Instant next = now.plus(policy.backoff(failures, retryAfter));
        retryAt = next;
        RefreshOutcome outcome = new RefreshOutcome.Failed(why, next);
        lastOutcome = outcome;
        Instant expiresAt = keeper.current().map(g -> g.tokens().accessTokenExpiresAt()).orElse(now);
        if (!next.isBefore(expiresAt) && !warnedExpiry) {
            // Say it once, loudly: callers will get 503 until a refresh succeeds.
            warnedExpiry = true;
            LOG.log(System.Logger.Level.ERROR, "Admin token refresh failing ({0}); the access token expires at {1}, "
                    + "before the next attempt at {2}", why, expiresAt, next);
        } else {
            LOG.log(System.Logger.Level.WARNING, "Admin token refresh failed (attempt {0}): {1}; retrying at {2}",
                    failures, why, next);
        }
        return outcome;
    }

    private static String trackingId(WebexException e) {
        return e.trackingId().map(id -> " (trackingId " + id + ")").orElse("");
    }

    private static String describe(RefreshOutcome outcome) {
        return outcome == null ? "no attempt yet" : outcome.describe();
    }
}
