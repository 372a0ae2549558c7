package org.skillbroker.webex;

import org.skillbroker.Jsonp;
import org.skillbroker.budget.UpstreamCharge;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.skillbroker.config.Settings;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The only code that sends HTTP to Webex. Every call is bounded by the configured connect and read timeouts,
 * and every upstream status is translated into a typed {@link WebexException} here, in one place.
 *
 * <p>Requests go out through the JDK's {@link HttpURLConnection}, directly, on the calling thread: measured on a
 * 2-core machine at 32 concurrent callers, a GET cost about 130 µs of CPU that way, against 600 to 1,000 µs through
 * {@code java.net.http.HttpClient} (its selector thread and asynchronous stages) and several hundred more through
 * a JAX-RS client on top (README, Benchmark). HttpURLConnection cannot send PATCH on Java 17, so that one method
 * (Contact Center's reskill, a rare call) goes through {@code java.net.http}. Both: HTTP/1.1, no redirects (a 3xx
 * would resend the admin token wherever it points: it is refused as an unexpected status), and a request whose
 * kept-alive connection the server closed before a single byte of an answer is sent once more (HttpURLConnection
 * does this itself; the JDK client only for GET, so {@link #patch} does it); a reset, a timeout or an answer cut
 * after it began is never resent.
 *
 * <p>The JDK logs request headers, the admin's token among them, under
 * {@code sun.net.www.protocol.http.HttpURLConnection} at FINE (held at INFO by {@code Bootstrap}) and, for the
 * other client, only with {@code -Djdk.httpclient.HttpClient.log}, which must stay off (README, Security).
 */
public final class WebexHttp implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WebexHttp.class.getName());
    private static final Set<String> OAUTH_ERRORS = Set.of("invalid_request", "invalid_client", "invalid_grant",
            "unauthorized_client", "unsupported_grant_type", "invalid_scope", "access_denied", "tokenlimit_reached");
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);
    private static final String JSON = "application/json";

    /** Told of every call to Webex: for metrics. */
    @FunctionalInterface
    public interface Observer {
        Observer NONE = (method, endpoint, status, seconds) -> { };

        /**
         * @param endpoint the path with ids replaced by {@code {id}}, e.g. {@code /organization/{id}/skill-profile/{id}}
         * @param status the HTTP status, or 0 when Webex did not answer
         */
        void called(String method, String endpoint, int status, double seconds);
    }

    private final Observer observer;
    private final Settings.Http settings;
    private final int connectMillis;
    private final int readMillis;
    private volatile HttpClient patchClient;

    public WebexHttp(Settings.Http http) {
        this(http, Observer.NONE);
    }

    public WebexHttp(Settings.Http http, Observer observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.settings = Objects.requireNonNull(http, "http");
        this.connectMillis = millis(http.connectTimeout());
        this.readMillis = millis(http.readTimeout());
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    /** GET a JSON object with a bearer token. */
    public JsonObject get(URI uri, String bearerToken) {
        return json(check(uri, send(uri, "GET", bearerToken, null, null)));
    }

    /** DELETE with a bearer token; any 2xx is success (Webex answers 204). */
    public void delete(URI uri, String bearerToken) {
        check(uri, send(uri, "DELETE", bearerToken, null, null));
    }

    /** PUT, keeping Webex's {@code TrackingID} of the answer: the audit trail records it for Cisco support. */
    public Tracked putTracked(URI uri, String bearerToken, JsonObject body) {
        Reply reply = check(uri, send(uri, "PUT", bearerToken, JSON, body.toString()));
        return new Tracked(json(reply), reply.trackingId);
    }

    /** POST a JSON object with a bearer token (a bot posting an alert to a space). */
    public Tracked postTracked(URI uri, String bearerToken, JsonObject body) {
        Reply reply = check(uri, send(uri, "POST", bearerToken, JSON, body.toString()));
        return new Tracked(json(reply), reply.trackingId);
    }

    /** A JSON answer with the {@code TrackingID} Webex sent with it (null when none). */
    public record Tracked(JsonObject body, String trackingId) {
    }

    /**
     * POST a form to the OAuth token endpoint. Its 400/401 answers are OAuth errors (RFC 6749 §5.2); only a
     * known error code is kept, never the upstream description.
     */
    JsonObject postTokenForm(URI uri, TokenForm form) {
        Reply reply = send(uri, "POST", null, "application/x-www-form-urlencoded", form.encoded());
        if (reply.status == 400 || reply.status == 401) {
            String error = oauthError(reply.body);
            throw new OAuthErrorException(error, reply.status, reply.trackingId);
        }
        return json(check(uri, reply));
    }

    /** One request through HttpURLConnection: charged, sent, its answer read whole. */
    private Reply send(URI uri, String method, String bearerToken, String contentType, String body) {
        UpstreamCharge.beforeRequest(); // the Contact Center budget, request by request (a call may page)
        long started = System.nanoTime();
        int status = 0;
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(connectMillis);
            connection.setReadTimeout(readMillis);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestMethod(method);
            connection.setRequestProperty("Accept", JSON);
            if (bearerToken != null) {
                connection.setRequestProperty("Authorization", "Bearer " + bearerToken);
            }
            if (body != null) {
                // not in streaming mode: so HttpURLConnection may send it once more on a kept-alive connection the
                // server had closed (class comment)
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", contentType);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            status = connection.getResponseCode();
            String text;
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Reply(status, text, connection.getHeaderField("TrackingID"),
                    connection.getHeaderField("Retry-After"));
        } catch (IOException e) {
            status = 0;
            if (connection != null) {
                connection.disconnect(); // a connection that failed is not kept alive for the next request
            }
            throw unavailable(method, uri, e, e instanceof SocketTimeoutException);
        } catch (IllegalArgumentException e) { // a URI that is no URL (no host, a scheme the JDK lacks)
            throw unavailable(method, uri, e, false);
        } finally {
            observer.called(method, endpoint(uri), status, (System.nanoTime() - started) / 1e9);
        }
    }

    /**
     * PATCH a JSON body, for an answer without one (Contact Center's reskill answers 204); returns Webex's
     * {@code TrackingID} ("" when none).
     */
    public String patch(URI uri, String bearerToken, JsonObject body) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.readTimeout())
                .header("Authorization", "Bearer " + bearerToken).header("Content-Type", JSON)
                .header("Accept", JSON)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        Reply reply;
        try {
            reply = patchOnce(uri, request);
        } catch (NoAnswer closed) {
            LOG.log(System.Logger.Level.DEBUG, "PATCH {0}: connection closed before any answer, sent again", path(uri));
            try {
                reply = patchOnce(uri, request);
            } catch (NoAnswer again) {
                throw unavailable("PATCH", uri, again.getCause(), false);
            }
        }
        check(uri, reply);
        return reply.trackingId == null ? "" : reply.trackingId;
    }

    /** One PATCH through the JDK client, charged; bounded by connect + read timeout in all, body included. */
    private Reply patchOnce(URI uri, HttpRequest request) {
        UpstreamCharge.beforeRequest(); // the Contact Center budget, like every other request
        long started = System.nanoTime();
        int status = 0;
        HeadSeen head = new HeadSeen();
        CompletableFuture<HttpResponse<String>> call = null;
        try {
            call = patchClient().sendAsync(request, head);
            HttpResponse<String> response = call.get(settings.connectTimeout().plus(settings.readTimeout()).toNanos(),
                    TimeUnit.NANOSECONDS);
            status = response.statusCode();
            return new Reply(status, response.body() == null ? "" : response.body(),
                    response.headers().firstValue("TrackingID").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (TimeoutException e) {
            call.cancel(true);
            throw unavailable("PATCH", uri, e, true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (!head.seen && !(cause instanceof HttpTimeoutException) && hasCause(cause, EOFException.class)) {
                throw new NoAnswer(cause);
            }
            throw unavailable("PATCH", uri, cause, cause instanceof HttpTimeoutException);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (call != null) {
                call.cancel(true);
            }
            throw unavailable("PATCH", uri, e, false);
        } catch (IllegalArgumentException e) {
            throw unavailable("PATCH", uri, e, false);
        } finally {
            observer.called("PATCH", endpoint(uri), status, (System.nanoTime() - started) / 1e9);
        }
    }

    private HttpClient patchClient() {
        HttpClient built = patchClient;
        if (built == null) {
            synchronized (this) {
                if (patchClient == null) {
                    // the client's selector thread inherits the creating thread's context class loader: give it
                    // none, so the thread (which ends once the client is unreachable) never pins this web app
                    Thread current = Thread.currentThread();
                    ClassLoader before = current.getContextClassLoader();
                    current.setContextClassLoader(null);
                    try {
                        patchClient = HttpClient.newBuilder()
                                .connectTimeout(settings.connectTimeout())
                                .followRedirects(HttpClient.Redirect.NEVER)
                                .version(HttpClient.Version.HTTP_1_1)
                                .build();
                    } finally {
                        current.setContextClassLoader(before);
                    }
                }
                built = patchClient;
            }
        }
        return built;
    }

    /** The body as a string, noting whether the head of an answer arrived at all. */
    private static final class HeadSeen implements HttpResponse.BodyHandler<String> {
        private volatile boolean seen;

        @Override
        public HttpResponse.BodySubscriber<String> apply(HttpResponse.ResponseInfo info) {
            seen = true;
            return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
        }
    }

    /** The connection closed before any byte of an answer: {@link #patch} sends once more. */
    private static final class NoAnswer extends RuntimeException {
        NoAnswer(Throwable cause) {
            super(null, cause, false, false);
        }
    }

    private static WebexUnavailableException unavailable(String method, URI uri, Throwable e, boolean timeout) {
        LOG.log(System.Logger.Level.DEBUG, "{0} {1} failed: {2}", method, path(uri), e.getClass().getSimpleName());
        return new WebexUnavailableException(timeout ? "Webex did not answer in time" : "Webex could not be reached",
                timeout, e instanceof IOException || e instanceof InterruptedException ? e : null);
    }

    private static final java.util.regex.Pattern ID_SEGMENT = java.util.regex.Pattern.compile(
            "/(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[A-Za-z0-9+=_-]{24,})(?=/|$)");

    /** A path with its ids replaced, so metrics have a few endpoints rather than one per profile. */
    static String endpoint(URI uri) {
        return ID_SEGMENT.matcher(uri.getPath()).replaceAll("/{id}");
    }

    private static Reply check(URI uri, Reply reply) {
        int status = reply.status;
        if (status >= 200 && status < 300) {
            return reply;
        }
        LOG.log(System.Logger.Level.DEBUG, "{0} answered {1} (trackingId {2})", path(uri), status, reply.trackingId);
        throw switch (status) {
            case 401 -> new WebexUnauthorizedException(reply.trackingId);
            case 403 -> new WebexForbiddenException(mentionsScope(reply.body), reply.trackingId);
            case 404 -> new WebexNotFoundException(reply.trackingId);
            case 409 -> new WebexConflictException(status, reply.trackingId);
            case 412 -> new WebexReferencedException(reply.trackingId);
            case 429 -> new WebexRateLimitedException(retryAfter(reply.retryAfter), reply.trackingId);
            default -> status >= 500 ? new WebexUnavailableException(status, reply.trackingId)
                    : new WebexRejectedException(status, reply.trackingId);
        };
    }

    private static JsonObject json(Reply reply) {
        try (JsonReader reader = Jsonp.createReader(new StringReader(reply.body))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new WebexUnavailableException("Webex answered something that is not a JSON object", false, null);
        }
    }

    private static String oauthError(String body) {
        try (JsonReader reader = Jsonp.createReader(new StringReader(body))) {
            String error = reader.readObject().getString("error", "");
            return OAUTH_ERRORS.contains(error) ? error : "invalid_request";
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            return "invalid_request";
        }
    }

    private static boolean mentionsScope(String body) {
        return body != null && body.toLowerCase(java.util.Locale.ROOT).contains("scope");
    }

    static Duration retryAfter(String header) {
        if (header == null) {
            return DEFAULT_RETRY_AFTER;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return Duration.ofSeconds(Math.max(1, Math.min(seconds, 3600)));
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER; // HTTP-date form: rare from Webex, a minute is a safe guess
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The path without the query: queries may carry ids, never tokens, but paths are enough to diagnose. */
    private static String path(URI uri) {
        return uri.getPath();
    }

    /** Nothing to stop: HttpURLConnection's kept-alive connections and the PATCH client's thread end by themselves. */
    @Override
    public void close() {
    }

    private record Reply(int status, String body, String trackingId, String retryAfter) {
    }
}
