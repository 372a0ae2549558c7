package org.skillbroker.webex;

import java.time.Duration;

/** 429: Webex's rate limit was hit; {@link #retryAfter()} comes from its {@code Retry-After} header. */
public final class WebexRateLimitedException extends WebexException {

    private final Duration retryAfter;

    public WebexRateLimitedException(Duration retryAfter, String trackingId) {
        super("Webex rate limit reached (429), retry after " + retryAfter.toSeconds() + " s", 429, trackingId);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
