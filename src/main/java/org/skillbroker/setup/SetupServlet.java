package org.skillbroker.setup;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.skillbroker.Broker;
import org.skillbroker.config.Settings;
import org.skillbroker.problem.Problem;
import org.skillbroker.problem.ProblemResponses;
import org.skillbroker.token.Administrator;
import org.skillbroker.token.Grant;
import org.skillbroker.token.GrantStatus;
import org.skillbroker.state.StoreWriteException;
import org.skillbroker.web.Messages;
import org.skillbroker.web.SecurityHeadersFilter;
import org.skillbroker.widget.WidgetServlet;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * The admin's pages: {@code GET /setup} shows the state; {@code POST /setup/connect}, {@code /sign-in},
 * {@code /disconnect} and {@code /sign-out} change it. Every POST carries the session's CSRF token.
 *
 * <p>Who may act: before a usable grant exists, "connect" is itself the sign-in (the callback admits only a
 * Contact Center administrator of the configured org). Once one exists, an admin signs in with Webex asking only
 * for the identity scope, and only a signed-in admin may reconnect or disconnect.
 */
public final class SetupServlet extends HttpServlet {

    static final String IDENTITY_SCOPE = "spark:people_read";
    /**
     * Connecting in Service App mode: who signs in ({@code spark:people_read}), whether they are a Contact Center
     * administrator ({@code cjp:config_read}, their own token looks them up), and the right to fetch the Service
     * App's tokens ({@code spark:applications_token}). Nothing of this token is stored.
     */
    static final String SERVICE_APP_CONNECT_SCOPES = "spark:people_read cjp:config_read spark:applications_token";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        String action = request.getPathInfo() == null ? "" : request.getPathInfo();
        String method = request.getMethod();
        Broker broker = Broker.from(getServletContext());
        if ("GET".equals(method) && (action.isEmpty() || "/".equals(action))) {
            page(request, response, broker);
            return;
        }
        if (!Set.of("/connect", "/sign-in", "/disconnect", "/sign-out", "/refresh-now", "/test-connection",
                "/test-alert").contains(action)) {
            ProblemResponses.write(request, response, Problem.of("not-found", "Not found", 404,
                    "There is no such setup page. Start at /setup."));
            return;
        }
        if (!"POST".equals(method)) {
            response.setHeader("Allow", "POST");
            ProblemResponses.write(request, response, Problem.of("method-not-allowed", "Method not allowed", 405,
                    "Setup actions are forms: use the buttons on /setup."));
            return;
        }
        // A browser without a session (the anonymous page creates none) starts a sign-in with a form of the
        // broker's own origin, which browsers prove with Sec-Fetch-Site or Origin; every action of a browser that
        // has a session (a signed-in admin's reconnect, disconnect) needs the session's CSRF token.
        boolean startsSignIn = ("/connect".equals(action) || "/sign-in".equals(action))
                && !AdminSession.hasSession(request) && sameOrigin(request, broker);
        if (!startsSignIn && !AdminSession.csrfValid(request)) {
            ProblemResponses.write(request, response, Problem.of("csrf", "Form expired", 403,
                    "This form is no longer valid (missing or wrong CSRF token). Reload /setup and try again."));
            return;
        }
        if (broker.running().isEmpty()) {
            ProblemResponses.write(request, response, Problem.notConfigured());
            return;
        }
        Broker.Running running = broker.running().get();
        switch (action) {
            case "/connect" -> connect(request, response, broker, running);
            case "/sign-in" -> startAuthorization(request, response, broker, running, PendingAuthorization.Purpose.SIGN_IN);
            case "/disconnect" -> disconnect(request, response, running);
            case "/refresh-now", "/test-connection", "/test-alert" -> operate(request, response, running, action);
            default -> {
                AdminSession.signOut(request);
                redirect(request, response, null); // the page then offers "Sign in": no notice needed
            }
        }
    }

    private void page(HttpServletRequest request, HttpServletResponse response, Broker broker) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Vary", "Accept-Language");
        Messages msg = Messages.of(request);
        if (broker.running().isEmpty()) {
            response.setStatus(503);
            response.getWriter().write(StatusPage.misconfigured(msg, request.getContextPath(), broker.problems()));
            return;
        }
        Broker.Running running = broker.running().get();
        running.keeper().reloadIfChanged(); // another node may have connected, refreshed or disconnected
        Optional<Administrator> admin = AdminSession.admin(request);
        // an anonymous visitor gets no session (and so no token) until a sign-in starts
        String csrf = admin.isPresent() ? AdminSession.csrfToken(request) : AdminSession.existingCsrfToken(request);
        SecurityHeadersFilter.allowOwnScripts(response); // the layout snippet's copy button
        StatusPage.View view = new StatusPage.View(msg, request.getContextPath(), csrf, admin,
                broker.clock().instant(), AdminSession.takeFlash(request), WidgetServlet.publicUrl(running),
                otherOrigin(request, running.settings().webex().redirectUri()));
        response.getWriter().write(StatusPage.render(view, running));
    }

    /**
     * The redirect URI's origin when this page was opened at another host (127.0.0.1 instead of localhost, say):
     * the browser would then keep the sign-in's session cookie at this address while Webex returns to the other,
     * and the callback could only answer "Unknown sign-in attempt".
     */
    static Optional<String> otherOrigin(HttpServletRequest request, java.net.URI redirectUri) {
        // Host names only: cookies ignore ports and schemes, and behind a TLS-terminating proxy the request's
        // port and scheme differ from the public ones while the host (the Host header) is the same.
        String host = redirectUri.getHost() == null ? "" : redirectUri.getHost().toLowerCase(java.util.Locale.ROOT);
        String requestHost = request.getServerName() == null ? "" : request.getServerName().toLowerCase(java.util.Locale.ROOT);
        if (host.isEmpty() || host.equals(requestHost)) {
            return Optional.empty();
        }
        return Optional.of(redirectUri.getScheme() + "://" + redirectUri.getRawAuthority());
    }

    private void connect(HttpServletRequest request, HttpServletResponse response, Broker broker,
                         Broker.Running running) throws IOException {
        if (hasUsableGrant(running) && AdminSession.admin(request).isEmpty()) {
            ProblemResponses.write(request, response, Problem.of("sign-in-required", "Sign in first", 403,
                    "The broker is already connected. Sign in with Webex as an administrator to reconnect it."));
            return;
        }
        startAuthorization(request, response, broker, running, PendingAuthorization.Purpose.CONNECT);
    }

    private void startAuthorization(HttpServletRequest request, HttpServletResponse response, Broker broker,
                                    Broker.Running running, PendingAuthorization.Purpose purpose) throws IOException {
        if (purpose == PendingAuthorization.Purpose.SIGN_IN && !hasUsableGrant(running)) {
            ProblemResponses.write(request, response, Problem.of("not-connected", "Connect first", 409,
                    "There is no usable admin grant to check your role with. Use \"Connect to Webex\"."));
            return;
        }
        PendingAuthorization pending = PendingAuthorization.create(purpose, broker.clock().instant());
        AdminSession.addPending(request, pending);
        Settings.Webex webex = running.settings().webex();
        String scopes = purpose == PendingAuthorization.Purpose.SIGN_IN ? IDENTITY_SCOPE
                : running.settings().serviceApp().enabled() ? SERVICE_APP_CONNECT_SCOPES
                : String.join(" ", webex.scopes());
        String location = webex.authorizeUri() + "?response_type=code"
                + "&client_id=" + encode(webex.clientId())
                + "&redirect_uri=" + encode(webex.redirectUri().toString())
                + "&scope=" + encode(scopes)
                + "&state=" + encode(pending.state())
                + "&code_challenge=" + encode(pending.codeChallenge())
                + "&code_challenge_method=S256";
        response.setStatus(303);
        response.setHeader("Location", location);
    }

    private void disconnect(HttpServletRequest request, HttpServletResponse response, Broker.Running running)
            throws IOException {
        Optional<Administrator> admin = AdminSession.admin(request);
        if (admin.isEmpty()) {
            ProblemResponses.write(request, response, Problem.of("sign-in-required", "Sign in first", 403,
                    "Only a signed-in administrator may disconnect the broker."));
            return;
        }
        if (!"yes".equals(request.getParameter("confirm"))) {
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write(StatusPage.confirmDisconnect(Messages.of(request), request.getContextPath(),
                    AdminSession.csrfToken(request)));
            return;
        }
        Optional<Grant> old = running.keeper().current();
        try {
            running.keeper().delete();
        } catch (StoreWriteException e) {
            ProblemResponses.write(request, response, Problem.of("store-write-failed", "Could not disconnect", 503,
                    "The grant file could not be deleted: " + e.getMessage()));
            return;
        }
        System.getLogger(SetupServlet.class.getName()).log(System.Logger.Level.WARNING,
                "Admin grant deleted by {0}", admin.get().email());
        // forgotten here first (a failed delete must not leave a stored grant that Webex no longer honours)
        old.ifPresent(grant -> running.revocation().revoke(grant, Optional.empty()));
        running.events().record("disconnected", admin.get().email(), "the grant was deleted");
        redirect(request, response, Flash.DISCONNECTED);
    }

    /** The admin signed in to /setup in this request's session, if any (for pages outside this package). */
    public static Optional<Administrator> signedInAdmin(HttpServletRequest request) {
        return AdminSession.admin(request);
    }

    /**
     * The form came from the broker's own page: the browser says so with {@code Sec-Fetch-Site: same-origin}
     * (Fetch Metadata; sent on https and loopback), or its {@code Origin} is the broker's public origin (from the
     * configuration, never from Host). Our pages' {@code Referrer-Policy: no-referrer} makes Chromium send
     * {@code Origin: null} on form posts, hence both.
     */
    private static boolean sameOrigin(HttpServletRequest request, Broker broker) {
        if ("same-origin".equals(request.getHeader("Sec-Fetch-Site"))) {
            return true;
        }
        String origin = request.getHeader("Origin");
        return origin != null && broker.running().map(running -> {
            java.net.URI own = running.settings().widget().publicUrl();
            int port = own.getPort();
            String expected = own.getScheme() + "://" + own.getHost() + (port < 0 ? "" : ":" + port);
            return expected.equalsIgnoreCase(origin);
        }).orElse(false);
    }

    /** The status page's operator buttons: a signed-in administrator only; each is recorded in the history. */
    private void operate(HttpServletRequest request, HttpServletResponse response, Broker.Running running,
                         String action) throws IOException {
        Optional<Administrator> admin = AdminSession.admin(request);
        if (admin.isEmpty()) {
            ProblemResponses.write(request, response, Problem.of("sign-in-required", "Sign in first", 403,
                    "Only a signed-in administrator may use the operator controls."));
            return;
        }
        OperatorActions actions = running.operatorActions();
        Flash done = switch (action) {
            case "/refresh-now" -> actions.refreshNow(admin.get()) ? Flash.REFRESHED : Flash.REFRESH_FAILED;
            case "/test-connection" -> actions.testConnection(admin.get()) ? Flash.CONNECTION_OK
                    : Flash.CONNECTION_FAILED;
            default -> actions.sendTestAlert(admin.get()) ? Flash.TEST_ALERT_SENT : Flash.NO_ALERT_CHANNELS;
        };
        redirect(request, response, done);
    }

    static boolean hasUsableGrant(Broker.Running running) {
        Optional<Grant> grant = running.keeper().current();
        return grant.isPresent() && grant.get().status() == GrantStatus.ACTIVE;
    }

    /** Back to /setup (Post/Redirect/Get) with a one-time notice in the session; never in the URL. */
    static void redirect(HttpServletRequest request, HttpServletResponse response, Flash flash) {
        if (flash != null) {
            AdminSession.flash(request, flash);
        }
        response.setStatus(303);
        response.setHeader("Location", request.getContextPath() + "/setup");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
