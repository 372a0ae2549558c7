package org.skillbroker.simulator;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code /_sim/...}: the control API over HTTP, for the demo and tests running in another process. */
final class ControlEndpoints {

    private final WebexSimulator sim;

    ControlEndpoints(WebexSimulator sim) {
        this.sim = sim;
    }

    void register(Router router) {
        router.add("GET", "/_sim/?", (ex, p) -> ex.html(200, IndexPage.render(sim)));
        router.add("POST", "/_sim/desktop-token", (ex, p) -> desktopToken(ex));
        router.add("GET", "/_sim/skill-profile/([^/]+)", (ex, p) -> profile(ex, p));
        router.add("GET", "/_sim/counters", (ex, p) -> counters(ex));
        router.add("GET", "/_sim/received", (ex, p) -> received(ex));
        router.add("POST", "/_sim/faults", (ex, p) -> addFault(ex));
        router.add("DELETE", "/_sim/faults", (ex, p) -> {
            sim.faults().clear();
            ex.empty(204);
        });
        router.add("POST", "/_sim/lifetimes", (ex, p) -> lifetimes(ex));
        router.add("POST", "/_sim/revoke", (ex, p) -> {
            sim.revokeGrants();
            ex.empty(204);
        });
        router.add("POST", "/_sim/expire-access-tokens", (ex, p) -> {
            sim.expireAccessTokens();
            ex.empty(204);
        });
        router.add("POST", "/_sim/rate-limit", (ex, p) -> {
            try {
                sim.setRateLimitPerMinute(Integer.parseInt(String.valueOf(ex.query("perMinute"))));
                sim.resetRateLimits();
            } catch (RuntimeException e) {
                ex.json(400, error("perMinute must be a positive number"));
                return;
            }
            ex.empty(204);
        });
        router.add("POST", "/_sim/reset-counters", (ex, p) -> {
            sim.resetCounters();
            ex.empty(204);
        });
    }

    private void desktopToken(SimExchange ex) throws IOException {
        Optional<SimUser> user = sim.user(ex.query("user") == null ? "" : ex.query("user"));
        if (user.isEmpty()) {
            ex.json(400, error("unknown user key; see GET /_sim/"));
            return;
        }
        ex.json(200, Json.createObjectBuilder().add("token", sim.issueDesktopToken(user.get())).build());
    }

    private void profile(SimExchange ex, List<String> p) throws IOException {
        Optional<JsonObject> profile = sim.skillProfile(p.get(0));
        if (profile.isPresent()) {
            ex.json(200, profile.get());
        } else {
            ex.json(404, error("no such skill profile"));
        }
    }

    private void counters(SimExchange ex) throws IOException {
        JsonObjectBuilder json = Json.createObjectBuilder();
        sim.countsByRequestLine().forEach(json::add);
        ex.json(200, json.build());
    }

    /**
     * Every request received since the last reset, from index {@code from} on: when, method, path, query and
     * whose token it carried ({@code desktop}: the Agent Desktop's client, i.e. a supervisor's own token;
     * {@code integration}: any other client id, the integration's budget at Contact Center; {@code none}: no live
     * token). The benchmark counts calls per user action and per minute from it.
     */
    private void received(SimExchange ex) throws IOException {
        int from;
        try {
            from = ex.query("from") == null ? 0 : Math.max(0, Integer.parseInt(ex.query("from")));
        } catch (NumberFormatException e) {
            ex.json(400, error("from must be a number"));
            return;
        }
        List<Received> all = sim.received();
        jakarta.json.JsonArrayBuilder calls = Json.createArrayBuilder();
        for (Received r : all.subList(Math.min(from, all.size()), all.size())) {
            String auth = r.header("authorization");
            String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : "";
            String who = sim.clientOf(token).map(c -> Tokens.DESKTOP_CLIENT_ID.equals(c) ? "desktop" : "integration")
                    .orElse("none");
            calls.add(Json.createObjectBuilder().add("at", r.at().toEpochMilli()).add("method", r.method())
                    .add("path", r.path()).add("query", r.query()).add("client", who));
        }
        ex.json(200, Json.createObjectBuilder().add("total", all.size()).add("received", calls).build());
    }

    private void addFault(SimExchange ex) throws IOException {
        JsonValue parsed = JsonBodies.parse(ex.body());
        if (parsed == null || parsed.getValueType() != JsonValue.ValueType.OBJECT) {
            ex.json(400, error("body must be a JSON object"));
            return;
        }
        JsonObject body = parsed.asJsonObject();
        Fault fault;
        try {
            fault = switch (body.getString("fault", "")) {
                case "status" -> Fault.status(body.getInt("status"));
                case "rateLimited" -> Fault.rateLimited(body.getInt("retryAfter", 1));
                case "delay" -> Fault.delay(Duration.ofMillis(body.getInt("millis")));
                case "drop" -> Fault.dropConnection();
                case "malformed" -> Fault.malformedJson();
                default -> throw new IllegalArgumentException("fault must be status|rateLimited|delay|drop|malformed");
            };
            sim.faults().on(body.getString("method", "*"), body.getString("path"), fault, body.getInt("times", -1));
        } catch (RuntimeException e) {
            ex.json(400, error(e.getMessage() == null ? e.toString() : e.getMessage()));
            return;
        }
        ex.empty(204);
    }

    private void lifetimes(SimExchange ex) throws IOException {
        JsonValue parsed = JsonBodies.parse(ex.body());
        if (parsed == null || parsed.getValueType() != JsonValue.ValueType.OBJECT) {
            ex.json(400, error("body must be a JSON object"));
            return;
        }
        JsonObject body = parsed.asJsonObject();
        try {
            if (body.containsKey("accessSeconds")) {
                sim.setAccessTokenLifetime(Duration.ofSeconds(body.getJsonNumber("accessSeconds").longValue()));
            }
            if (body.containsKey("refreshSeconds")) {
                sim.setRefreshTokenLifetime(Duration.ofSeconds(body.getJsonNumber("refreshSeconds").longValue()));
            }
        } catch (RuntimeException e) {
            ex.json(400, error(String.valueOf(e.getMessage())));
            return;
        }
        ex.empty(204);
    }

    private static JsonObject error(String message) {
        return Json.createObjectBuilder().add("message", message).build();
    }
}
