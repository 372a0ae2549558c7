package org.skillbroker.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/** The widget's side of the API: calls {@code /api/skill-profiles} with a Desktop token, like the browser would. */
final class ApiClient {

    static final String API = BrokerEnvironment.BASE + "/api/skill-profiles";

    private final WebClient client = new WebClient();
    private final String api;

    ApiClient() {
        this(BrokerEnvironment.BASE);
    }

    /** @param base a broker's base address, e.g. a second deployment's */
    ApiClient(String base) {
        this.api = base + "/api/skill-profiles";
    }

    WebClient.Reply get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request);
    }

    WebClient.Reply patch(String profileId, String token, String body) {
        return patch(profileId, token, body, "application/json");
    }

    WebClient.Reply patch(String profileId, String token, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + "/" + profileId))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request);
    }

    /** A body without Content-Length (chunked), so only counting while reading can catch its size. */
    WebClient.Reply patchChunked(String profileId, String token, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return client.send(HttpRequest.newBuilder(URI.create(api + "/" + profileId))
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token));
    }

    WebClient.Reply send(HttpRequest.Builder request, String... headers) {
        return client.send(request, headers);
    }

    static String change(String skillId, Object value) {
        String v = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return "{\"activeSkills\":[{\"skillId\":\"" + skillId + "\",\"proficiencyValue\":" + v + "}]}";
    }

    static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    static String type(WebClient.Reply reply) {
        return json(reply.body()).getString("type", "");
    }
}
