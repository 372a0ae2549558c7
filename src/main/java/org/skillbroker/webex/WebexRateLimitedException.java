package org.skillbroker.webex;

import java.time.Duration;

/**
 * 429: Webex's rate limit was hit ({@link #retryAfter()} from its {@code Retry-After} header), or the broker held
 * the call back itself (the cluster's budget spent, or a pause after an earlier 429), never calling Webex.
 */
public final class WebexRateLimitedException extends WebexException {

    private final Duration retryAfter;
    private final boolean fromWebex;

    /** Webex answered 429. */
    public WebexRateLimitedException(Duration retryAfter, String trackingId) {
        this(retryAfter, trackingId, true);
    }

    private WebexRateLimitedException(Duration retryAfter, String trackingId, boolean fromWebex) {
        super((fromWebex ? "Webex rate limit reached (429)" : "Contact Center call held back by the broker")
                + ", retry after " + retryAfter.toSeconds() + " s", 429, trackingId);
        this.retryAfter = retryAfter;
        this.fromWebex = fromWebex;
    }

    /** The broker held the call back (budget spent, or paused after a 429): Webex was not called. */
    public static WebexRateLimitedException heldBack(Duration retryAfter) {
        return new WebexRateLimitedException(retryAfter, null, false);
    }

    /** Whether Webex itself answered 429 (only then does a new pause start). */
    public boolean fromWebex() {
        return fromWebex;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
