package org.skillbroker.simulator;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonStructure;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request/response pair: the parsed request (query, form, headers, body read once) and helpers that answer
 * the way Webex does, always with a {@code TrackingID} header.
 */
final class SimExchange {

    private final HttpExchange exchange;
    private final String body;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final Map<String, String> query;
    private String trackingId;
    private boolean answered;
    private int status;
    private String sent = "";

    SimExchange(HttpExchange exchange) throws IOException {
        this.exchange = exchange;
        this.body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        this.query = parseForm(exchange.getRequestURI().getRawQuery());
        String path = path();
        this.trackingId = path.startsWith("/organization/") ? Ids.ccTrackingId() : Ids.routerTrackingId();
    }

    String method() {
        return exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    }

    /** Decoded path. */
    String path() {
        return exchange.getRequestURI().getPath();
    }

    String rawQuery() {
        return exchange.getRequestURI().getRawQuery();
    }

    String body() {
        return body;
    }

    Map<String, List<String>> headers() {
        return headers;
    }

    String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    String query(String name) {
        return query.get(name);
    }

    Map<String, String> queryParams() {
        return query;
    }

    /** The body as {@code application/x-www-form-urlencoded}; first value wins for repeated names. */
    Map<String, String> form() {
        return parseForm(body);
    }

    /** The token of an {@code Authorization: Bearer} header, or null if absent or another scheme. */
    String bearerToken() {
        String auth = header("authorization");
        if (auth == null || auth.length() < 7 || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = auth.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    String trackingId() {
        return trackingId;
    }

    boolean answered() {
        return answered;
    }

    /** The status answered, 0 before. */
    int status() {
        return status;
    }

    /** The body answered ("" when none). */
    String sentBody() {
        return sent;
    }

    int queryInt(String name, int fallback) {
        String value = query(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest("Query parameter '" + name + "' must be an integer");
        }
    }

    void json(int status, JsonStructure json) throws IOException {
        send(status, "application/json;charset=UTF-8", json.toString());
    }

    void html(int status, String html) throws IOException {
        send(status, "text/html;charset=UTF-8", html);
    }

    void redirect(String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        empty(302);
    }

    void setHeader(String name, String value) {
        exchange.getResponseHeaders().set(name, value);
    }

    /** A response without a body (e.g. CC's 429, which has none: webex-api.md §6). */
    void empty(int status) throws IOException {
        answered = true;
        this.status = status;
        exchange.getResponseHeaders().set("TrackingID", trackingId);
        exchange.sendResponseHeaders(status, -1);
    }

    void send(int status, String contentType, String text) throws IOException {
        answered = true;
        this.status = status;
        this.sent = text;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("TrackingID", trackingId);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /**
     * Breaks the connection mid-response: a chunked 200 starts, one chunk of JSON arrives, then the socket closes
     * without the terminating chunk, so both HttpURLConnection and java.net.http report a premature EOF.
     * Two simpler ways were rejected: a response that never starts makes HttpURLConnection (the broker's
     * client) silently re-send the POST, and a short fixed-length body is accepted by HttpURLConnection
     * as if complete. The JDK server closes the socket, without finishing the stream, only when the handler
     * throws, hence {@link ConnectionDropped}.
     */
    void dropConnection() throws IOException {
        answered = true;
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.getResponseHeaders().set("TrackingID", trackingId);
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write("{\"acc".getBytes(StandardCharsets.UTF_8));
        out.flush();
        throw new ConnectionDropped();
    }

    /** Propagates out of the HttpHandler so that the JDK server drops the connection. */
    static final class ConnectionDropped extends RuntimeException {
        ConnectionDropped() {
            super("connection dropped by an injected fault", null, false, false);
        }
    }

    void close() {
        try {
            exchange.close();
        } catch (RuntimeException ignored) {
            // already closed, e.g. after dropConnection
        }
    }

    static Map<String, String> parseForm(String raw) {
        Map<String, String> result = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            result.putIfAbsent(name, value);
        }
        return result;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** Thrown by handlers for a malformed request; the router renders it in the area's error shape. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
