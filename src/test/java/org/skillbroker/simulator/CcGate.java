package org.skillbroker.simulator;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The checks every CC request passes, in gateway order: a live token (401), the client's rate limit (429 with
 * {@code Retry-After} and Cisco's error body), the org in the path (403) and the scope for the method (403 "Access denied").
 */
final class CcGate {

    static final String READ = "cjp:config_read";
    static final String LEGACY = "cjp:config";
    static final String WRITE = "cjp:config_write";
    static final String ACCESS_DENIED = "Access denied - Client is forbidden access to the resource";

    private final Tokens tokens;
    private final RateLimiter rateLimiter;
    private final SimSwitches switches;

    CcGate(Tokens tokens, RateLimiter rateLimiter, SimSwitches switches) {
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.switches = switches;
    }

    /** supervisorView / supervisorManagedAgentsOnly with a Desktop token: refused when the switch says so. */
    boolean refusesSupervisorQuery(Tokens.AccessToken token) {
        return switches.supervisorQueries() == SimSwitches.SupervisorQueries.FORBIDDEN
                && Tokens.DESKTOP_CLIENT_ID.equals(token.clientId);
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
            ex.json(429, JsonBodies.ccError(429, "Rate limit exceeded: retry after " + retryAfter.getAsLong() + " s",
                    ex.trackingId()));
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
