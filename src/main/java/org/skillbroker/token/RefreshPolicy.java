package org.skillbroker.token;

import org.skillbroker.config.Settings;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * When to refresh and how long to wait after a failure. Pure arithmetic on instants, so the schedule is
 * tested with a fixed clock and no timer.
 */
public final class RefreshPolicy {

    private final Settings.Refresh settings;
    private final DoubleSupplier jitter;

    /** @param jitter a source of numbers in [0, 1); tests pass a constant */
    public RefreshPolicy(Settings.Refresh settings, DoubleSupplier jitter) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
    }

    /**
     * A grant is due once the configured share of its access token's lifetime has passed (75 % by default:
     * about every 9 h for Contact Center's 12 h tokens), and at least every {@code maxInterval}, so that the
     * refresh token keeps being used (webex-api.md §10: regularly used refresh tokens live on).
     */
    public Instant dueAt(TokenSet tokens) {
        Duration lifetime = Duration.between(tokens.issuedAt(), tokens.accessTokenExpiresAt());
        Instant byShare = tokens.issuedAt().plusMillis((long) (lifetime.toMillis() * settings.atShare()));
        Instant byInterval = tokens.issuedAt().plus(settings.maxInterval());
        return byShare.isBefore(byInterval) ? byShare : byInterval;
    }

    public boolean isDue(TokenSet tokens, Instant now) {
        return !now.isBefore(dueAt(tokens));
    }

    /**
     * Exponential backoff with jitter after the {@code failures}-th consecutive failure (1-based): initial,
     * 2x, 4x ... capped at the maximum, each scaled by a random factor in [0.5, 1) so that two nodes that failed
     * together do not retry together. A {@code Retry-After} from Webex is a floor.
     */
    public Duration backoff(int failures, Duration retryAfter) {
        int exponent = Math.max(0, Math.min(failures - 1, 20));
        Duration base = settings.backoffInitial().multipliedBy(1L << exponent);
        if (base.compareTo(settings.backoffMax()) > 0) {
            base = settings.backoffMax();
        }
        Duration jittered = Duration.ofMillis((long) (base.toMillis() * (0.5 + jitter.getAsDouble() / 2)));
        return retryAfter != null && retryAfter.compareTo(jittered) > 0 ? retryAfter : jittered;
    }

    /** The refresh token expires within the warning horizon: an admin must plan to connect again. */
    public boolean refreshTokenExpiresSoon(TokenSet tokens, Instant now) {
        return !now.plus(settings.warningHorizon()).isBefore(tokens.refreshTokenExpiresAt());
    }

    public Settings.Refresh settings() {
        return settings;
    }
}
