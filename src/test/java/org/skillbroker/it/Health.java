package org.skillbroker.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** Reads {@code /health} and waits, with a deadline, for it to show something. */
public record Health(int httpStatus, JsonObject json) {

    public static Health read() {
        return at(BrokerEnvironment.BASE);
    }

    /**
     * {@code /health} of the broker at {@code base} (another server, a load balancer), with the details that only
     * the metrics token opens.
     */
    public static Health at(String base) {
        WebClient.Reply reply = new WebClient().get(base + "/health",
                "Authorization", "Bearer " + BrokerEnvironment.METRICS_TOKEN);
        return new Health(reply.status(), Json.createReader(new StringReader(reply.body())).readObject());
    }

    /** Polls every 50 ms until the condition holds or the deadline passes (then fails with the last answer). */
    public static Health await(Predicate<Health> condition, Duration deadline, String what) {
        Instant end = Instant.now().plus(deadline);
        Health last = read();
        while (!condition.test(last)) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("not within " + deadline + ": " + what + "; last health: " + last.json());
            }
            try {
                Thread.sleep(50); // polling an asynchronous effect, not waiting for time to pass
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = read();
        }
        return last;
    }

    public String status() {
        return json.getString("status");
    }

    public JsonObject check(String name) {
        return json.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + json));
    }

    public String data(String check, String field) {
        JsonObject data = check(check).getJsonObject("data");
        return data.containsKey(field) ? data.get(field).toString().replace("\"", "") : "";
    }
}
