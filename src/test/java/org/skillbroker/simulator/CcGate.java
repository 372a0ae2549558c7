package org.skillbroker.simulator;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The checks every CC request passes, in gateway order: a live token (401), the client's rate limit (429, no
 * body: webex-api.md §6), the org in the path (403) and the scope for the method (403 "Access denied").
 */
final class CcGate {

    static final String READ = "cjp:config_read";
    static final String LEGACY = "cjp:config";
    static final String WRITE = "cjp:config_write";
    static final String ACCESS_DENIED = "Access denied - Client is forbidden access to the resource";

    private final Tokens tokens;
    private final RateLimiter rateLimiter;

    CcGate(Tokens tokens, RateLimiter rateLimiter) {
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
    }

    /** @return the caller's token if the request may proceed; otherwise the response has been sent */
    Optional<Tokens.AccessToken> admit(SimExchange ex, String orgId, boolean write) throws IOException {
        Optional<Tokens.AccessToken> token = tokens.validAccessToken(ex.bearerToken());
        if (token.isEmpty()) {
            ex.json(401, JsonBodies.ccError(401, "Unauthorized Operation: the access token is invalid or expired",
                    ex.trackingId()));
            return Optional.empty();
        }
        OptionalLong retryAfter = rateLimiter.acquire(token.get().clientId);
        if (retryAfter.isPresent()) {
            ex.setHeader("Retry-After", Long.toString(retryAfter.getAsLong()));
            ex.empty(429);
            return Optional.empty();
        }
        boolean scopeOk = write ? token.get().hasScope(WRITE)
                : token.get().hasScope(READ) || token.get().hasScope(LEGACY);
        if (!token.get().user.orgUuid().equals(orgId) || !scopeOk) {
            ex.json(403, JsonBodies.ccError(403, ACCESS_DENIED, ex.trackingId()));
            return Optional.empty();
        }
        return token;
    }
}
