package org.skillbroker.desktop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A stand-in for the Agent Desktop, on its own loopback port so it is a different web origin from the broker and
 * the widget's calls are real cross-origin requests (CORS preflights included). Serves
 * {@code desktop/index.html}, which loads the widget script from the broker as the Desktop does from the layout's
 * {@code script}, and {@code POST /token?user=<key>}, which fetches a Desktop-style token from the Webex simulator
 * ({@code POST /_sim/desktop-token}) on the page's behalf: the token goes to the page only, never to a log.
 *
 * <p>For the demo: {@code java ... org.skillbroker.desktop.DesktopPage <port> <brokerUrl> <simulatorUrl>}, then
 * open {@code http://127.0.0.1:<port>/}; the broker's {@code skillbroker.api.allowed-origins} must list that origin.
 */
public final class DesktopPage implements AutoCloseable {

    private static final Pattern USER_KEY = Pattern.compile("[a-z][a-z-]{0,39}");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpServer server;
    private final String page;
    private final URI simulator;

    private DesktopPage(int port, URI brokerUrl, URI simulator) {
        this.simulator = simulator;
        this.page = template().replace("__BROKER_URL__", attribute(brokerUrl.toString().replaceAll("/+$", "")));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the Desktop page to port " + port, e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** @param port 0 for any free port */
    public static DesktopPage start(int port, URI brokerUrl, URI simulator) {
        return new DesktopPage(port, brokerUrl, simulator);
    }

    /** The page's web origin, to put into {@code skillbroker.api.allowed-origins}. */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String url(String query) {
        return origin() + "/" + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if ("GET".equals(method) && ("/".equals(path) || "/index.html".equals(path))) {
                send(exchange, 200, "text/html; charset=utf-8", page);
            } else if ("POST".equals(method) && "/token".equals(path)) {
                token(exchange);
            } else {
                send(exchange, 404, "text/plain; charset=utf-8", "not found");
            }
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        String user = query != null && query.startsWith("user=") ? query.substring(5) : "";
        if (!USER_KEY.matcher(user).matches()) {
            send(exchange, 400, "application/json", "{\"message\":\"user must be a simulator user key\"}");
            return;
        }
        try {
            HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(simulator.resolve("/_sim/desktop-token?user=" + user))
                    .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            send(exchange, reply.statusCode(), "application/json", reply.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            send(exchange, 502, "application/json", "{\"message\":\"interrupted\"}");
        } catch (IOException e) {
            send(exchange, 502, "application/json", "{\"message\":\"the Webex simulator cannot be reached\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String template() {
        try (InputStream in = DesktopPage.class.getResourceAsStream("/desktop/index.html")) {
            if (in == null) {
                throw new IllegalStateException("desktop/index.html is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String attribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Args: port brokerUrl simulatorUrl, e.g. {@code 9098 http://127.0.0.1:8080/skill-broker http://127.0.0.1:9099}. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: DesktopPage <port> <brokerUrl> <simulatorUrl>");
            System.exit(2);
        }
        DesktopPage desktop = start(Integer.parseInt(args[0]), URI.create(args[1]), URI.create(args[2]));
        Runtime.getRuntime().addShutdownHook(new Thread(desktop::close));
        System.out.println("Desktop stand-in at " + desktop.url("user=supervisor")
                + " (broker " + args[1] + "; allow the origin " + desktop.origin() + " in skillbroker.api.allowed-origins)");
        Thread.currentThread().join();
    }
}
