package org.skillbroker.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the Webex simulator received, read from its control API ({@code GET /_sim/received?from=N}), and named the
 * way the README's call table names it: {@code integration GET skill-profile/{id}},
 * {@code desktop GET /v1/people/me}, {@code desktop GET v2/user?supervisorManagedAgentsOnly}. "integration" is the
 * broker's admin grant (Contact Center's 300-a-minute budget), "desktop" the supervisor's own Desktop token.
 */
final class SimCalls {

    /** One request the simulator received. */
    record Call(long atMillis, String client, String method, String path, String query) {

        /** The README's name of the call: client, method, path without org and ids, the query's telling flags. */
        String key() {
            return client + " " + method + " " + endpoint(path, query);
        }

        /** A Contact Center call with the integration's token: what Contact Center's 300 a minute counts. */
        boolean contactCenter() {
            return client.equals("integration") && path.startsWith("/organization/");
        }
    }

    private static final Pattern ORG = Pattern.compile("^/organization/[^/]+/");
    private static final Pattern ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Query parameters that make a different call of the same path (the rest are paging and field lists). */
    private static final List<String> TELLING = List.of("supervisorView", "supervisorManagedAgentsOnly", "filter",
            "search");

    private SimCalls() {
    }

    static String endpoint(String path, String query) {
        String p = ORG.matcher(path).replaceFirst("");
        p = ID.matcher(p).replaceAll("{id}");
        p = p.replaceAll("by-ci-user-id/[^/]+", "by-ci-user-id/{id}");
        List<String> flags = new ArrayList<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                if (TELLING.contains(name) && !flags.contains(name)) {
                    flags.add(name);
                }
            }
        }
        return flags.isEmpty() ? p : p + "?" + String.join("&", flags);
    }

    /** Parses the control API's answer. */
    static List<Call> parse(String body) {
        JsonObject json = Json.createReader(new StringReader(body)).readObject();
        List<Call> calls = new ArrayList<>();
        for (JsonObject c : json.getJsonArray("received").getValuesAs(JsonObject.class)) {
            calls.add(new Call(c.getJsonNumber("at").longValue(), c.getString("client"), c.getString("method"),
                    c.getString("path"), c.getString("query")));
        }
        return calls;
    }

    /** Calls by {@link Call#key()}, sorted. */
    static Map<String, Integer> count(List<Call> calls) {
        Map<String, Integer> counts = new TreeMap<>();
        calls.forEach(c -> counts.merge(c.key(), 1, Integer::sum));
        return counts;
    }
}
