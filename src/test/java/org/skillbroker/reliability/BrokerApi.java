package org.skillbroker.reliability;

import org.skillbroker.it.BrokerEnvironment;
import org.skillbroker.it.WebClient;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/** The widget's calls to {@code /api/skill-profiles}, each with how long the broker took to answer. */
final class BrokerApi {

    static final String API = BrokerEnvironment.BASE + "/api/skill-profiles";

    /** An answer and the wall-clock time it took. */
    record Timed(WebClient.Reply reply, Duration took) {
        int status() {
            return reply.status();
        }
    }

    private final WebClient client = new WebClient();
    private final String token;

    BrokerApi(String desktopToken) {
        this.token = desktopToken;
    }

    Timed get(String profileId) {
        return time(HttpRequest.newBuilder(URI.create(API + "/" + profileId)).GET());
    }

    Timed setProficiency(String profileId, String skillId, int value) {
        String body = "{\"activeSkills\":[{\"skillId\":\"" + skillId + "\",\"proficiencyValue\":" + value + "}]}";
        return time(HttpRequest.newBuilder(URI.create(API + "/" + profileId))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json"));
    }

    private Timed time(HttpRequest.Builder request) {
        long started = System.nanoTime();
        WebClient.Reply reply = client.send(request.header("Authorization", "Bearer " + token));
        return new Timed(reply, Duration.ofNanos(System.nanoTime() - started));
    }
}
