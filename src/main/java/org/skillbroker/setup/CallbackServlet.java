package org.skillbroker.setup;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.skillbroker.Broker;
import org.skillbroker.problem.Problem;
import org.skillbroker.problem.ProblemResponses;
import org.skillbroker.token.AdminCheck;
import org.skillbroker.webex.WebexForbiddenException;
import org.skillbroker.webex.WebexNotFoundException;
import org.skillbroker.webex.WebexRejectedException;
import org.skillbroker.token.Administrator;
import org.skillbroker.token.Grant;
import org.skillbroker.token.GrantStatus;
import org.skillbroker.state.StoreWriteException;
import org.skillbroker.token.TokenSet;
import org.skillbroker.webex.OAuthErrorException;
import org.skillbroker.webex.TokenResponse;
import org.skillbroker.webex.WebexException;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Webex's redirect back after the admin signed in ({@code /oauth/callback}, outside {@code /api}). Checks in
 * this order: method and parameters, {@code state} (then forgets it), an {@code error} from Webex, then
 * exchanges the code and verifies what it got. Only a verified grant is stored; anything else changes nothing.
 */
public final class CallbackServlet extends HttpServlet {

    private static final System.Logger LOG = System.getLogger(CallbackServlet.class.getName());
    private static final String REQUIRED_WRITE_SCOPE = "cjp:config_write";
    /** RFC 6749 §4.1.2.1 codes (and Webex's); anything else is shown as a generic refusal, never echoed. */
    private static final Set<String> KNOWN_ERRORS = Set.of("access_denied", "invalid_request", "unauthorized_client",
            "unsupported_response_type", "invalid_scope", "server_error", "temporarily_unavailable");
    private static final int MAX_PARAMETER = 2048;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (!"GET".equals(request.getMethod())) {
            response.setHeader("Allow", "GET");
            ProblemResponses.write(request, response, Problem.of("method-not-allowed", "Method not allowed", 405,
                    "Webex returns here with a GET redirect."));
            return;
        }
        Broker broker = Broker.from(getServletContext());
        if (broker.running().isEmpty()) {
            ProblemResponses.write(request, response, Problem.notConfigured());
            return;
        }
        Optional<Problem> malformed = checkParameters(request);
        if (malformed.isPresent()) {
            ProblemResponses.write(request, response, malformed.get());
            return;
        }
        Broker.Running running = broker.running().get();
        Instant now = broker.clock().instant();
        Optional<PendingAuthorization> taken = AdminSession.takePending(request, request.getParameter("state"));
        if (taken.isEmpty()) {
            ProblemResponses.write(request, response, Problem.of("invalid-state", "Unknown sign-in attempt", 400,
                    "This sign-in response does not belong to a sign-in started in this browser session, or it "
                            + "was already used. Start again at " + setupAt(running) + " (open /setup at exactly this "
                            + "address: a sign-in started at another one, such as 127.0.0.1 instead of localhost, "
                            + "cannot finish here)."));
            return;
        }
        PendingAuthorization pending = taken.get();
        if (AdminSession.expired(pending, now, running.settings().setup().stateTtl())) {
            ProblemResponses.write(request, response, Problem.of("expired-state", "Sign-in took too long", 400,
                    "The sign-in was started more than " + running.settings().setup().stateTtl().toMinutes()
                            + " minutes ago. Start again at /setup."));
            return;
        }
        String error = request.getParameter("error");
        if (error != null) {
            ProblemResponses.write(request, response, webexRefused(error));
            return;
        }
        try {
            complete(request, response, running, pending, now);
        } catch (OAuthErrorException e) {
            LOG.log(System.Logger.Level.WARNING, "Code exchange refused: {0}", e.getMessage());
            ProblemResponses.write(request, response, Problem.of("code-rejected", "Webex refused the sign-in", 400,
                    "Webex did not accept the authorization code (" + e.error() + "). Start again at /setup."));
        } catch (WebexException e) {
            LOG.log(System.Logger.Level.WARNING, "Webex failed during sign-in: {0}", e.getMessage());
            ProblemResponses.write(request, response, Problem.of("webex-unavailable", "Webex did not answer", 502,
                    "Webex failed while completing the sign-in (" + e.getMessage() + "). Try again in a minute."));
        }
    }

    private void complete(HttpServletRequest request, HttpServletResponse response, Broker.Running running,
                          PendingAuthorization pending, Instant now) throws IOException {
        TokenResponse tokens = running.oauth().exchangeCode(request.getParameter("code"),
                running.settings().webex().redirectUri(), pending.codeVerifier());
        Administrator admin;
        try {
            admin = running.adminVerifier().verify(tokens.accessToken(),
                    pending.purpose() == PendingAuthorization.Purpose.CONNECT
                            ? tokens::accessToken : () -> running.refresher().accessToken());
        } catch (AdminRefusedException e) {
            LOG.log(System.Logger.Level.WARNING, "Setup sign-in refused: {0}", e.getMessage());
            ProblemResponses.write(request, response, Problem.of(e.kind(), "Not allowed", 403, e.getMessage()));
            return;
        }
        if (pending.purpose() == PendingAuthorization.Purpose.SIGN_IN) {
            AdminSession.signIn(request, admin);
            LOG.log(System.Logger.Level.INFO, "Admin {0} signed in to /setup", admin.email());
            SetupServlet.redirect(request, response, Flash.SIGNED_IN);
            return;
        }
        boolean serviceApp = running.settings().serviceApp().enabled();
        TokenResponse granted = tokens;
        if (serviceApp) {
            // the administrator's own token only fetches the Service App's tokens and is then forgotten
            try {
                granted = running.oauth().serviceAppToken(tokens.accessToken(), running.settings().webex().orgId());
            } catch (WebexForbiddenException | WebexNotFoundException | WebexRejectedException
                     | org.skillbroker.webex.WebexUnauthorizedException e) {
                LOG.log(System.Logger.Level.WARNING, "Webex refused the Service App token: {0}", e.getMessage());
                ProblemResponses.write(request, response, Problem.of("service-app-refused",
                        "Webex refused the Service App's tokens", 403, "Webex answered " + e.status()
                                + " when asked for the Service App's tokens. Check that a Full Admin has authorised "
                                + "the Service App (skillbroker.service-app.application-id) for this organisation in "
                                + "Control Hub, that its client id and secret are the configured ones, and that your "
                                + "account may use spark:applications_token." + e.trackingId()
                                .map(id -> " (trackingId " + id + ")").orElse("")));
                return;
            }
        }
        // A Service App's token response may not list its scopes (Cisco's example does not): then they are unknown,
        // not assumed, and a missing write permission shows at the first write (403, /health turns red).
        TokenSet tokenSet = TokenSet.from(granted, now, null);
        if (tokenSet.scopesKnown() && !tokenSet.scopes().contains(REQUIRED_WRITE_SCOPE)) {
            ProblemResponses.write(request, response, Problem.of("missing-scope", "Missing permission", 403,
                    "Webex granted " + String.join(" ", tokenSet.scopes()) + " but not " + REQUIRED_WRITE_SCOPE
                            + ", which the broker needs to change skill profiles. Add it to the "
                            + (serviceApp ? "Service App's" : "integration's") + " scopes"
                            + (serviceApp ? "" : " and to skillbroker.webex.scopes") + ", then connect again."));
            return;
        }
        Optional<Grant> previous = running.keeper().current();
        long generation = previous.map(g -> g.generation() + 1).orElse(0L);
        Grant grant = new Grant(tokenSet, running.settings().webex().orgId(), admin, now, GrantStatus.ACTIVE,
                null, null, generation, serviceApp ? null : new AdminCheck(now, true, "verified when connecting"),
                // the alert ledger outlives a reconnect, so what was firing (e.g. re-authorisation) is resolved
                running.keeper().current().map(Grant::alertMarks).orElse(null),
                serviceApp ? running.settings().serviceApp().applicationId().get() : null);
        try {
            running.keeper().replace(grant);
        } catch (StoreWriteException e) {
            LOG.log(System.Logger.Level.ERROR, "Could not store the new grant: {0}", e.getMessage());
            ProblemResponses.write(request, response, Problem.of("store-write-failed", "Could not store the grant",
                    503, "Webex connected, but the token store could not be written (" + e.getMessage()
                            + "). Nothing was changed. Fix the store directory and connect again."));
            return;
        }
        // Conditions the new grant ends (re-authorisation required) are resolved now, not at the next tick: the
        // page the admin lands on must not still show them firing. Delivery is queued, so this never waits.
        running.alerts().evaluate();
        // Another admin's grant is let go: revoke it at Webex. The same admin's old grant is left alone, because
        // the Authorizations API cannot tell it from the one just stored (both are this person's, this client's).
        previous.filter(old -> !old.authorizedBy().personId().equals(admin.personId()))
                .ifPresent(old -> running.revocation().revoke(old, Optional.of(tokenSet.accessToken())));
        AdminSession.signIn(request, admin);
        running.events().record("connected", admin.email(), "access token valid until "
                + tokenSet.accessTokenExpiresAt() + ", refresh token until " + tokenSet.refreshTokenExpiresAt());
        LOG.log(System.Logger.Level.INFO, "Broker connected to Webex by {0}; access token valid until {1}",
                admin.email(), tokenSet.accessTokenExpiresAt());
        SetupServlet.redirect(request, response, Flash.CONNECTED);
    }

    /** /setup at the redirect URI's address, where a sign-in can come back to. */
    private static String setupAt(Broker.Running running) {
        java.net.URI redirect = running.settings().webex().redirectUri();
        String path = redirect.getRawPath() == null ? "" : redirect.getRawPath().replaceAll("/oauth/callback$", "");
        return redirect.getScheme() + "://" + redirect.getRawAuthority() + path + "/setup";
    }

    private static Optional<Problem> checkParameters(HttpServletRequest request) {
        Map<String, String[]> parameters = request.getParameterMap();
        for (String name : new String[]{"state", "code", "error"}) {
            String[] values = parameters.get(name);
            if (values != null && (values.length != 1 || values[0].length() > MAX_PARAMETER || values[0].isEmpty())) {
                return Optional.of(Problem.of("invalid-callback", "Malformed sign-in response", 400,
                        "The parameter '" + name + "' must appear once, non-empty and short."));
            }
        }
        if (!parameters.containsKey("state")) {
            return Optional.of(Problem.of("invalid-callback", "Malformed sign-in response", 400,
                    "The sign-in response lacks 'state'. Start again at /setup."));
        }
        if (parameters.containsKey("code") == parameters.containsKey("error")) {
            return Optional.of(Problem.of("invalid-callback", "Malformed sign-in response", 400,
                    "The sign-in response must carry either 'code' or 'error'."));
        }
        return Optional.empty();
    }

    private static Problem webexRefused(String error) {
        if ("access_denied".equals(error)) {
            return Problem.of("access-denied", "Sign-in declined", 403,
                    "Webex reports that the sign-in or the consent was declined (access_denied). Nothing was changed.");
        }
        String code = KNOWN_ERRORS.contains(error) ? error : "unknown error";
        return Problem.of("webex-error", "Webex refused the sign-in", 400,
                "Webex answered " + code + ". Nothing was changed. Start again at /setup.");
    }
}
