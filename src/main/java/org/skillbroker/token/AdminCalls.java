package org.skillbroker.token;

import org.skillbroker.budget.Prepaid;
import org.skillbroker.budget.UpstreamCharge;
import org.skillbroker.budget.UpstreamGate;
import org.skillbroker.webex.WebexForbiddenException;
import org.skillbroker.webex.WebexRateLimitedException;
import org.skillbroker.webex.WebexUnauthorizedException;
import org.skillbroker.webex.WebexUnavailableException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs a Webex call with the admin's access token. On 401 it refreshes once (unless another thread already did)
 * and tries again, so an access token revoked or expired early costs the caller nothing. Reads, being
 * idempotent, are also retried a few times with a short growing pause when Webex fails (5xx, timeout, dropped
 * connection); writes never are, because a PUT that timed out may have been applied. A 403 is remembered so
 * that /health can tell the operator the grant lacks permission.
 */
public final class AdminCalls {

    /** Pauses before the 2nd and 3rd attempt of a read; bounded so a caller waits at most a few hundred ms more. */
    private static final Duration[] READ_BACKOFF = {Duration.ofMillis(100), Duration.ofMillis(300)};

    /** Lets tests run the retries without waiting. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final TokenRefresher refresher;
    private final Clock clock;
    private final Pause pause;
    private final UpstreamGate gate;
    private volatile Refusal lastRefusal;

    /** @param gate the budget and 429 pause every call passes first */
    public AdminCalls(TokenRefresher refresher, Clock clock, Pause pause, UpstreamGate gate) {
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.gate = Objects.requireNonNull(gate, "gate");
    }

    /** An idempotent call: retried on 401 (after a refresh) and on upstream failures. */
    public <T> T read(Function<String, T> call) {
        return read(null, call);
    }

    /** Takes one call from the Contact Center budget now, for a read that must not be refused by it later. */
    public Prepaid prepay() {
        return gate.prepay();
    }

    /** {@link #read(Function)}, its first request paid by {@code prepaid} ({@link #prepay()}; null: none). */
    public <T> T read(Prepaid prepaid, Function<String, T> call) {
        for (int attempt = 0; ; attempt++) {
            try {
                return once(prepaid, call, false);
            } catch (WebexUnavailableException e) {
                if (attempt >= READ_BACKOFF.length) {
                    throw e;
                }
                try {
                    pause.pause(READ_BACKOFF[attempt]);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * A write: retried only after a 401, which Webex answers before doing anything. Refused without calling Webex
     * while the administrator who connected is known to no longer qualify: the broker must not keep writing in
     * the name of someone who lost the right to.
     */
    public <T> T write(Function<String, T> call) {
        // the copy in memory: the token lookup right after re-reads the store when it changed
        refresher.cachedGrant().filter(Grant::adminDisqualified).ifPresent(grant -> {
            throw new GrantUnavailableException(GrantUnavailableException.Reason.ADMIN_NOT_QUALIFIED,
                    "Changes are stopped: " + grant.authorizedBy().email() + ", who connected the broker, "
                            + grant.adminCheck().reason() + ". A Contact Center administrator must reconnect the "
                            + "broker at /setup.");
        });
        return once(null, call, true);
    }

    /** When Webex last refused the admin grant with 403, if the last call since then did not succeed. */
    public Optional<Refusal> lastRefusal() {
        return Optional.ofNullable(lastRefusal);
    }

    private <T> T once(Prepaid prepaid, Function<String, T> call, boolean write) {
        String token = refresher.accessToken();
        try {
            return succeeded(gated(prepaid, call, token), write);
        } catch (WebexUnauthorizedException e) {
            refresher.refreshAfterRejection(token);
            try {
                return succeeded(gated(prepaid, call, refresher.accessToken()), write);
            } catch (WebexForbiddenException forbidden) {
                throw refused(forbidden, write);
            }
        } catch (WebexForbiddenException e) {
            throw refused(e, write);
        }
    }

    /**
     * One call through the gate: each of its requests takes one from the budget first (a call may page); a 429
     * pauses every later call until its Retry-After.
     */
    private <T> T gated(Prepaid prepaid, Function<String, T> call, String token) {
        try {
            return UpstreamCharge.within(gate, prepaid, () -> call.apply(token));
        } catch (WebexRateLimitedException e) {
            if (e.fromWebex()) { // the broker's own refusals (budget, pause) must not extend the pause
                gate.rateLimited(e.retryAfter());
            }
            throw e;
        }
    }

    /** A successful read does not clear a refused write: the grant may read but still not write. */
    private <T> T succeeded(T result, boolean write) {
        Refusal refusal = lastRefusal;
        if (refusal != null && (write || !refusal.write())) {
            lastRefusal = null;
        }
        return result;
    }

    private WebexForbiddenException refused(WebexForbiddenException e, boolean write) {
        lastRefusal = new Refusal(clock.instant(), e.trackingId().orElse(""), write);
        return e;
    }

    /** A 403 to the admin grant: when, Webex's trackingId for Cisco support, and whether it refused a write. */
    public record Refusal(Instant at, String trackingId, boolean write) {
    }
}
