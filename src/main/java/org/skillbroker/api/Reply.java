package org.skillbroker.api;

import jakarta.json.JsonObject;

import java.util.Optional;

/**
 * What an API handler answers when it succeeds: a status and, unless it is 204, a JSON object. Refusals are not
 * replies: they are thrown as {@link org.skillbroker.problem.ApiException} and written by {@link ApiServlet}.
 */
public record Reply(int status, Optional<JsonObject> body) {

    public static Reply ok(JsonObject body) {
        return new Reply(200, Optional.of(body));
    }

    public static Reply noContent() {
        return new Reply(204, Optional.empty());
    }
}
