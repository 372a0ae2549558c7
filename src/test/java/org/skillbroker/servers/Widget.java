package org.skillbroker.servers;

import jakarta.json.JsonObject;
import org.skillbroker.simulator.WebexSimulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The supervisor widget's one write: {@code PATCH /api/skill-profiles/{id}} with a Desktop token. */
public final class Widget {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Widget() {
    }

    public static String change(String skillId, int value) {
        return "{\"activeSkills\":[{\"skillId\":\"" + skillId + "\",\"proficiencyValue\":" + value + "}]}";
    }

    /** Status and body; an IOException (connection refused or reset) is status -1. */
    public static Result patch(String base, String profileId, String desktopToken, String body) {
        return patch(HTTP, base, profileId, desktopToken, body);
    }

    public static Result patch(HttpClient http, String base, String profileId, String desktopToken, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/skill-profiles/" + profileId))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + desktopToken)
                .timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Result(response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After").map(Widget::seconds).orElse(null));
        } catch (IOException e) {
            return new Result(-1, e.toString(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted", null);
        }
    }

    public static int proficiency(WebexSimulator sim, String profileId, String skillId) {
        return sim.skillProfile(profileId).orElseThrow().getJsonArray("activeSkills").getValuesAs(JsonObject.class)
                .stream().filter(s -> s.getString("skillId").equals(skillId)).findFirst().orElseThrow()
                .getInt("proficiencyValue");
    }

    private static Duration seconds(String value) {
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** @param retryAfter the answer's {@code Retry-After} (seconds), null without one */
    public record Result(int status, String body, Duration retryAfter) {
    }
}
