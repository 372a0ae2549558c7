package org.skillbroker.problem;

import jakarta.json.JsonException;
import org.skillbroker.state.StoreUnavailableException;
import org.skillbroker.token.GrantUnavailableException;
import org.skillbroker.webex.WebexConflictException;
import org.skillbroker.webex.WebexException;
import org.skillbroker.webex.WebexForbiddenException;
import org.skillbroker.webex.WebexNotFoundException;
import org.skillbroker.webex.WebexRateLimitedException;
import org.skillbroker.webex.WebexUnauthorizedException;
import org.skillbroker.webex.WebexUnavailableException;

import java.util.Locale;

/**
 * Every error of the API, whoever raised it (our code, the API's routing and content negotiation, an upstream
 * failure), becomes one {@link ApiException}: an RFC 9457 problem with a stable {@code type}, which
 * {@link org.skillbroker.api.ApiServlet} writes as {@code application/problem+json}. This is also the one place
 * where a Webex failure on the admin's behalf is translated into what the caller sees; the exception's message and
 * any upstream body stay out of it, only Webex's {@code trackingId} goes through.
 */
public final class ProblemMapper {

    private static final System.Logger LOG = System.getLogger(ProblemMapper.class.getName());

    private ProblemMapper() {
    }

    public static ApiException translate(Throwable thrown) {
        if (thrown instanceof ApiException api) {
            return api;
        }
        if (thrown instanceof GrantUnavailableException e
                && e.reason() == GrantUnavailableException.Reason.ADMIN_NOT_QUALIFIED) {
            return ApiException.of("admin-not-qualified", "Changes are stopped", 503, e.getMessage());
        }
        if (thrown instanceof GrantUnavailableException e) {
            ApiException problem = ApiException.of("grant-unavailable", "The broker is not connected to Webex", 503,
                    e.getMessage()).with("reason", e.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            return e.retryAfter().map(wait -> problem.withHeader("Retry-After",
                    Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)))).orElse(problem);
        }
        if (thrown instanceof StoreUnavailableException) {
            // the message names the database and its error: for the server log and /health, not for callers
            return ApiException.of("store-unavailable", "Shared state unavailable", 503,
                    "The broker cannot reach its shared store right now; nothing was changed. Try again shortly.")
                    .withHeader("Retry-After", "5");
        }
        if (thrown instanceof WebexException e) {
            return upstream(e);
        }
        if (thrown instanceof JsonException) {
            return ApiException.of("malformed-json", "Malformed request", 400, "The request body is not valid JSON.");
        }
        // Class name only: a message can carry anything, including what a caller sent.
        LOG.log(System.Logger.Level.ERROR, "Unexpected {0} in the API", thrown.getClass().getName());
        return ApiException.of("internal", "Internal error", 500,
                "The broker failed unexpectedly. The operator can find the cause in the server log.");
    }

    /** Webex answered a call made with the admin token (after the one refresh on 401 and the read retries). */
    private static ApiException upstream(WebexException e) {
        ApiException api;
        if (e instanceof WebexForbiddenException) {
            api = ApiException.of("admin-grant-lacks-permission", "The admin grant lacks permission", 502,
                    "Webex Contact Center refused the broker's admin grant. An administrator must reconnect the "
                            + "broker at /setup with an account and scopes that may read and write skill profiles.");
        } else if (e instanceof WebexUnauthorizedException) {
            api = ApiException.of("admin-token-rejected", "The admin token was rejected", 502,
                    "Webex rejected the broker's admin token even after refreshing it. See /setup.");
        } else if (e instanceof WebexNotFoundException) {
            api = ApiException.of("skill-profile-not-found", "Not found", 404,
                    "Contact Center has no skill profile with this id.");
        } else if (e instanceof WebexRateLimitedException limited) {
            api = ApiException.of("upstream-rate-limited", "Webex is busy", 503,
                    "Webex Contact Center's rate limit was reached. Try again after the time in Retry-After.")
                    .withHeader("Retry-After", Long.toString(limited.retryAfter().toSeconds()));
        } else if (e instanceof org.skillbroker.webex.WebexReferencedException) {
            api = ApiException.of("profile-referenced", "Contact Center refused the change", 409,
                    "Contact Center refused to save this skill profile because it is referred to in other entities "
                            + "(412). Saving again gives the same answer; a Contact Center administrator can look "
                            + "into it with the trackingId.");
        } else if (e instanceof WebexConflictException) {
            api = ApiException.of("write-conflict", "Changed by someone else", 409,
                    "The skill profile kept changing while the broker tried to save it. Reload and try again.");
        } else if (e instanceof WebexUnavailableException unavailable && unavailable.timeout()) {
            api = ApiException.of("upstream-timeout", "Webex did not answer in time", 504,
                    "Webex Contact Center did not answer in time. Try again shortly.");
        } else if (e instanceof WebexUnavailableException) {
            api = ApiException.of("upstream-failed", "Webex failed", 502,
                    "Webex Contact Center failed or could not be reached. Try again shortly.");
        } else {
            api = ApiException.of("upstream-rejected", "Webex rejected the request", 502,
                    "Webex Contact Center rejected the broker's request. The operator can find the trackingId in "
                            + "the response and the server log.");
        }
        return e.trackingId().map(id -> api.with("trackingId", id)).orElse(api);
    }
}
