package org.skillbroker.simulator;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Contact Center Service Apps (webex-api.md §10): {@code POST /v1/applications/{applicationId}/token}, called with
 * an integration token carrying {@code spark:applications_token}, body {@code clientId}, {@code clientSecret},
 * {@code targetOrgId}; answers the app's own access and refresh token, which the app's client then refreshes at
 * {@code /v1/access_token} like any other. Where Cisco publishes no status, the choices are: 401 for a bad token or
 * wrong app credentials, 403 for a missing scope, a caller who is not a full admin of the target org, or an app not
 * authorised there, 404 for an unknown app, 400 for a malformed body. Whether the answer lists {@code scope} is
 * not documented (the published example does not): a switch, off by default.
 */
public final class ServiceApps {

    static final String APPLICATIONS_TOKEN = "spark:applications_token";

    /** A registered Service App. */
    public record ServiceApp(String applicationId, String clientId, String clientSecret, SimUser identity,
                             Set<String> scopes) {
    }

    private final Tokens tokens;
    private final Clients clients;
    private final Map<String, ServiceApp> apps = new ConcurrentHashMap<>();
    private final Set<String> authorized = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();
    private volatile boolean reportScope;

    ServiceApps(Tokens tokens, Clients clients) {
        this.tokens = tokens;
        this.clients = clients;
    }

    void register(Router router) {
        router.add("POST", "/v1/applications/([^/]+)/token", (ex, p) -> token(ex, p.get(0)));
    }

    ServiceApp create(String name, String orgUuid) {
        String uuid = Ids.randomUuid();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String clientId = "C" + uuid.replace("-", "");
        SimUser identity = new SimUser("service-app-" + uuid, Ids.randomUuid(), orgUuid,
                name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "") + "@serviceapp.webex.com",
                name, null, null, null, List.of(), List.of());
        ServiceApp app = new ServiceApp(Ids.restId("APPLICATION", uuid), clientId,
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret), identity,
                Set.of(CcGate.READ, CcGate.WRITE));
        apps.put(app.applicationId(), app);
        clients.register(clientId, app.clientSecret(), "https://service-app.invalid/none");
        return app;
    }

    /** A Full Admin authorises (or withdraws) the app for its org in Control Hub. */
    void authorize(ServiceApp app, boolean yes) {
        if (yes) {
            authorized.add(app.applicationId());
        } else {
            authorized.remove(app.applicationId());
        }
    }

    void reportScope(boolean report) {
        reportScope = report;
    }

    Set<String> secrets() {
        Set<String> secrets = new java.util.HashSet<>();
        apps.values().forEach(a -> secrets.add(a.clientSecret()));
        return secrets;
    }

    private void token(SimExchange ex, String applicationId) throws IOException {
        Optional<Tokens.AccessToken> caller = tokens.validAccessToken(ex.bearerToken());
        if (caller.isEmpty()) {
            ex.setHeader("WWW-Authenticate", "Bearer realm=\"webex\"");
            ex.json(401, JsonBodies.webexError(
                    "The request requires a valid access token set in the Authorization request header.",
                    ex.trackingId()));
            return;
        }
        if (!caller.get().hasScope(APPLICATIONS_TOKEN)) {
            ex.json(403, JsonBodies.webexError("The server understood the request, but refused to fulfill it "
                    + "because the access token is missing required scopes " + APPLICATIONS_TOKEN + ".",
                    ex.trackingId()));
            return;
        }
        JsonValue parsed = JsonBodies.parse(ex.body());
        if (!(parsed instanceof JsonObject body) || string(body, "clientId") == null
                || string(body, "clientSecret") == null || string(body, "targetOrgId") == null) {
            ex.json(400, JsonBodies.webexError("clientId, clientSecret and targetOrgId are required.",
                    ex.trackingId()));
            return;
        }
        ServiceApp app = apps.get(applicationId);
        if (app == null) {
            ex.json(404, JsonBodies.webexError("Application not found.", ex.trackingId()));
            return;
        }
        if (!app.clientId().equals(string(body, "clientId")) || !app.clientSecret().equals(string(body, "clientSecret"))) {
            ex.json(401, JsonBodies.webexError("Invalid client credentials.", ex.trackingId()));
            return;
        }
        SimUser admin = caller.get().user;
        boolean fullAdmin = "ADMINISTRATOR".equals(admin.profileType());
        boolean sameOrg = Ids.restId("ORGANIZATION", admin.orgUuid()).equals(string(body, "targetOrgId"))
                && app.identity().orgUuid().equals(admin.orgUuid());
        if (!fullAdmin || !sameOrg || !authorized.contains(applicationId)) {
            ex.json(403, JsonBodies.webexError("The application is not authorized for this organization.",
                    ex.trackingId()));
            return;
        }
        Tokens.Issued issued = tokens.issue(app.clientId(), app.identity(), app.scopes());
        var answer = Json.createObjectBuilder()
                .add("access_token", issued.access().value)
                .add("expires_in", tokens.secondsLeft(issued.access().expiresAt))
                .add("refresh_token", issued.refresh().value)
                .add("refresh_token_expires_in", tokens.secondsLeft(issued.refresh().expiresAt))
                .add("token_type", "Bearer");
        if (reportScope) {
            answer.add("scope", String.join(" ", app.scopes()));
        }
        ex.json(200, answer.build());
    }

    private static String string(JsonObject body, String name) {
        return body.get(name) instanceof JsonString s && !s.getString().isEmpty() ? s.getString() : null;
    }
}
