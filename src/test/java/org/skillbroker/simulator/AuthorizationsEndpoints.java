package org.skillbroker.simulator;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The Webex Authorizations API (developer.webex.com/docs/api/v1/authorizations), as far as the broker uses it to
 * revoke a grant it lets go: {@code GET /v1/authorizations?personEmail=} (or {@code personId=}) lists a person's
 * authorizations, {@code DELETE /v1/authorizations/{id}} revokes one (204) together with every access token it
 * issued. Cisco documents the scopes {@code identity:tokens_read} / {@code identity:tokens_write} and that the
 * caller is an admin of the person's org; a user may delete their own authorizations of the same client.
 */
final class AuthorizationsEndpoints {

    static final String TOKENS_READ = "identity:tokens_read";
    static final String TOKENS_WRITE = "identity:tokens_write";

    private final Tokens tokens;
    private final Directory directory;

    AuthorizationsEndpoints(Tokens tokens, Directory directory) {
        this.tokens = tokens;
        this.directory = directory;
    }

    void register(Router router) {
        router.add("GET", "/v1/authorizations", (ex, p) -> list(ex));
        router.add("DELETE", "/v1/authorizations/([^/]+)", (ex, p) -> delete(ex, p.get(0)));
    }

    private void list(SimExchange ex) throws IOException {
        Optional<Tokens.AccessToken> caller = authorized(ex, TOKENS_READ);
        if (caller.isEmpty()) {
            return;
        }
        Map<String, String> query = ex.queryParams();
        String email = query.get("personEmail");
        String personId = query.get("personId");
        if ((email == null) == (personId == null)) {
            ex.json(400, JsonBodies.webexError("Either personId or personEmail must be provided.", ex.trackingId()));
            return;
        }
        Optional<SimUser> person = directory.users().stream()
                .filter(u -> email != null ? u.email().equalsIgnoreCase(email) : u.personId().equals(personId))
                .findFirst();
        if (person.isEmpty() || !mayManage(caller.get(), person.get())) {
            ex.json(404, JsonBodies.webexError("The requested resource could not be found.", ex.trackingId()));
            return;
        }
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (Tokens.RefreshToken grant : tokens.grantsOf(person.get())) {
            items.add(Json.createObjectBuilder()
                    .add("id", grant.authorizationId)
                    .add("applicationId", Ids.restId("APPLICATION", grant.clientId))
                    .add("applicationName", "Integration " + grant.clientId)
                    .add("clientId", grant.clientId)
                    .add("created", grant.created.toString())
                    .add("type", "refresh"));
        }
        ex.json(200, Json.createObjectBuilder().add("items", items).build());
    }

    private void delete(SimExchange ex, String id) throws IOException {
        Optional<Tokens.AccessToken> caller = authorized(ex, TOKENS_WRITE);
        if (caller.isEmpty()) {
            return;
        }
        Optional<Tokens.RefreshToken> grant = tokens.grantsOf(caller.get().user).stream()
                .filter(g -> g.authorizationId.equals(id)).findFirst()
                .or(() -> directory.users().stream().filter(u -> mayManage(caller.get(), u))
                        .flatMap(u -> tokens.grantsOf(u).stream()).filter(g -> g.authorizationId.equals(id)).findFirst());
        // "When an admin deletes their own token, the clientId used to authorize the request must match"
        if (grant.isEmpty() || (grant.get().user.equals(caller.get().user)
                && !grant.get().clientId.equals(caller.get().clientId))) {
            ex.json(404, JsonBodies.webexError("The requested resource could not be found.", ex.trackingId()));
            return;
        }
        tokens.revoke(id);
        ex.empty(204);
    }

    /** Only an admin of the person's org manages their authorizations (their own, too, when they are an admin). */
    private static boolean mayManage(Tokens.AccessToken caller, SimUser person) {
        return caller.user.orgUuid().equals(person.orgUuid()) && "ADMINISTRATOR".equals(caller.user.profileType());
    }

    private Optional<Tokens.AccessToken> authorized(SimExchange ex, String scope) throws IOException {
        Optional<Tokens.AccessToken> token = tokens.validAccessToken(ex.bearerToken());
        if (token.isEmpty()) {
            ex.json(401, JsonBodies.webexError(
                    "The request requires a valid access token set in the Authorization request header.",
                    ex.trackingId()));
            return Optional.empty();
        }
        if (!token.get().hasScope(scope) || !"ADMINISTRATOR".equals(token.get().user.profileType())) {
            ex.json(403, JsonBodies.webexError("The server understood the request, but refused to fulfill it "
                    + "because the access token is missing required scopes " + scope + " or its user is no admin.",
                    ex.trackingId()));
            return Optional.empty();
        }
        return token;
    }
}
