package org.skillbroker.simulator;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

import java.io.IOException;
import java.util.Optional;

/** {@code GET /v1/people/me} (webex-api.md §4.2): how the broker learns who holds a token. */
final class PeopleEndpoints {

    static final String PEOPLE_READ = "spark:people_read";
    /** Seed "created" date: fixed so responses are stable. */
    private static final String CREATED = "2023-03-01T09:00:00.000Z";

    private final Tokens tokens;

    PeopleEndpoints(Tokens tokens) {
        this.tokens = tokens;
    }

    void register(Router router) {
        router.add("GET", "/v1/people/me", (ex, p) -> me(ex));
    }

    private void me(SimExchange ex) throws IOException {
        Optional<Tokens.AccessToken> token = tokens.validAccessToken(ex.bearerToken());
        if (token.isEmpty()) {
            ex.setHeader("WWW-Authenticate", "Bearer realm=\"webex\"");
            ex.json(401, JsonBodies.webexError(
                    "The request requires a valid access token set in the Authorization request header.",
                    ex.trackingId()));
            return;
        }
        if (!token.get().hasScope(PEOPLE_READ)) {
            ex.json(403, JsonBodies.webexError("The server understood the request, but refused to fulfill it "
                    + "because the access token is missing required scopes " + PEOPLE_READ + ".", ex.trackingId()));
            return;
        }
        SimUser user = token.get().user;
        JsonArrayBuilder roles = Json.createArrayBuilder();
        if ("ADMINISTRATOR".equals(user.profileType())) {
            roles.add(Ids.restId("ROLE", "id_full_admin"));
        }
        ex.json(200, Json.createObjectBuilder()
                .add("id", user.personId())
                .add("emails", Json.createArrayBuilder().add(user.email()))
                .add("phoneNumbers", Json.createArrayBuilder())
                .add("displayName", user.displayName())
                .add("nickName", user.firstName())
                .add("firstName", user.firstName())
                .add("lastName", user.lastName())
                .add("orgId", user.orgIdEncoded())
                .add("roles", roles)
                .add("licenses", Json.createArrayBuilder())
                .add("created", CREATED)
                .add("lastModified", CREATED)
                .add("status", "active")
                .add("type", "person")
                .build());
    }
}
