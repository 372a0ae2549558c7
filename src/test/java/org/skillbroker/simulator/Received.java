package org.skillbroker.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request as the simulator received it, so tests can assert what the broker sent.
 *
 * @param headers header names lower-cased
 */
public record Received(Instant at, String method, String path, String query, Map<String, List<String>> headers,
                       String body) {

    public Received {
        headers = Map.copyOf(headers);
        query = query == null ? "" : query;
        body = body == null ? "" : body;
    }

    /** First value of a header (name case-insensitive), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
