package org.skillbroker.webex;

import org.skillbroker.Jsonp;
import org.skillbroker.budget.UpstreamCharge;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.skillbroker.config.Settings;

import java.io.StringReader;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The only code that sends HTTP to Webex. Every call is bounded by the configured connect and read timeouts,
 * and every upstream status is translated into a typed {@link WebexException} here, in one place.
 */
public final class WebexHttp implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WebexHttp.class.getName());
    private static final Set<String> OAUTH_ERRORS = Set.of("invalid_request", "invalid_client", "invalid_grant",
            "unauthorized_client", "unsupported_grant_type", "invalid_scope", "access_denied", "tokenlimit_reached");
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

    private final Client client;

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
    private volatile java.net.http.HttpClient patchClient;

    public WebexHttp(Settings.Http http) {
        this(http, Observer.NONE);
    }

    public WebexHttp(Settings.Http http, Observer observer) {
        this.observer = java.util.Objects.requireNonNull(observer, "observer");
        this.settings = http;
        this.client = ClientBuilder.newBuilder()
                .connectTimeout(http.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(http.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // A redirect would resend the admin token to wherever Webex (or whoever answers in its place) points:
                // a 3xx is an answer like any other, refused as an unexpected status.
                .property(org.glassfish.jersey.client.ClientProperties.FOLLOW_REDIRECTS, false)
                .build();
    }

    /** GET a JSON object with a bearer token. */
    public JsonObject get(URI uri, String bearerToken) {
        return json(call(uri, request(uri, bearerToken), null));
    }

    /** DELETE with a bearer token; any 2xx is success (Webex answers 204). */
    public void delete(URI uri, String bearerToken) {
        check(uri, send(uri, "DELETE", request(uri, bearerToken), null));
    }

    /** PUT, keeping Webex's {@code TrackingID} of the answer: the audit trail records it for Cisco support. */
    public Tracked putTracked(URI uri, String bearerToken, JsonObject body) {
        Reply reply = call(uri, request(uri, bearerToken), Entity.entity(body.toString(), MediaType.APPLICATION_JSON_TYPE));
        return new Tracked(json(reply), reply.trackingId);
    }

    /** POST a JSON object with a bearer token (a bot posting an alert to a space). */
    public Tracked postTracked(URI uri, String bearerToken, JsonObject body) {
        Reply reply = check(uri, send(uri, "POST", request(uri, bearerToken),
                Entity.entity(body.toString(), MediaType.APPLICATION_JSON_TYPE)));
        return new Tracked(json(reply), reply.trackingId);
    }

    /**
     * PATCH a JSON body, for an answer without one (Contact Center's reskill answers 204); returns Webex's
     * {@code TrackingID} ("" when none). Jersey's default connector (HttpURLConnection) cannot send PATCH on Java 17
     * without opening {@code java.base/java.net}, which the same WAR on every container cannot count on; so this one
     * method uses the JDK's own client, with the same timeouts and no redirects. The day every call moves to
     * {@code java.net.http} (issue 15) it becomes one more method of that client.
     */
    public String patch(URI uri, String bearerToken, JsonObject body) {
        UpstreamCharge.beforeRequest(); // the Contact Center budget, like every other request
        long started = System.nanoTime();
        int status = 0;
        try {
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(uri)
                    .timeout(settings.readTimeout())
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken)
                    .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON)
                    .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build();
            java.net.http.HttpResponse<String> response = patchClient().send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            Reply reply = new Reply(status, response.body(), response.headers().firstValue("TrackingID").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null));
            check(uri, reply);
            return reply.trackingId == null ? "" : reply.trackingId;
        } catch (java.io.IOException e) {
            boolean timeout = e instanceof java.net.http.HttpTimeoutException;
            LOG.log(System.Logger.Level.DEBUG, "PATCH {0} failed: {1}", path(uri), e.getClass().getSimpleName());
            throw new WebexUnavailableException(timeout ? "Webex did not answer in time" : "Webex could not be reached",
                    timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebexUnavailableException("interrupted while waiting for Webex", false, e);
        } finally {
            observer.called("PATCH", endpoint(uri), status, (System.nanoTime() - started) / 1e9);
        }
    }

    private java.net.http.HttpClient patchClient() {
        java.net.http.HttpClient built = patchClient;
        if (built == null) {
            synchronized (this) {
                if (patchClient == null) {
                    // the client's selector thread inherits the creating thread's context class loader: give it
                    // none, so the thread (which ends once the client is unreachable) never pins this web app
                    Thread current = Thread.currentThread();
                    ClassLoader before = current.getContextClassLoader();
                    current.setContextClassLoader(null);
                    try {
                        patchClient = java.net.http.HttpClient.newBuilder()
                                .connectTimeout(settings.connectTimeout())
                                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                                .version(java.net.http.HttpClient.Version.HTTP_1_1)
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

    /** A JSON answer with the {@code TrackingID} Webex sent with it (null when none). */
    public record Tracked(JsonObject body, String trackingId) {
    }

    /**
     * POST a form to the OAuth token endpoint. Its 400/401 answers are OAuth errors (RFC 6749 §5.2); only a
     * known error code is kept, never the upstream description.
     */
    public JsonObject postTokenForm(URI uri, Form form) {
        Invocation.Builder builder = client.target(uri).request(MediaType.APPLICATION_JSON_TYPE);
        Reply reply = send(uri, "POST", builder, Entity.form(form));
        if (reply.status == 400 || reply.status == 401) {
            String error = oauthError(reply.body);
            throw new OAuthErrorException(error, reply.status, reply.trackingId);
        }
        return json(check(uri, reply));
    }

    private Invocation.Builder request(URI uri, String bearerToken) {
        return client.target(uri).request(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken);
    }

    private Reply call(URI uri, Invocation.Builder builder, Entity<?> entity) {
        return check(uri, send(uri, entity == null ? "GET" : "PUT", builder, entity));
    }

    private Reply send(URI uri, String method, Invocation.Builder builder, Entity<?> entity) {
        UpstreamCharge.beforeRequest(); // the Contact Center budget, request by request (a call may page)
        long started = System.nanoTime();
        int status = 0;
        try (Response response = entity == null ? builder.method(method) : builder.method(method, entity)) {
            status = response.getStatus();
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            return new Reply(response.getStatus(), body, response.getHeaderString("TrackingID"),
                    response.getHeaderString("Retry-After"));
        } catch (ProcessingException e) {
            status = 0;
            boolean timeout = hasCause(e, SocketTimeoutException.class);
            LOG.log(System.Logger.Level.DEBUG, "{0} {1} failed: {2}", method, path(uri), e.getClass().getSimpleName());
            throw new WebexUnavailableException(timeout ? "Webex did not answer in time" : "Webex could not be reached",
                    timeout, e);
        } finally {
            observer.called(method, endpoint(uri), status, (System.nanoTime() - started) / 1e9);
        }
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

    @Override
    public void close() {
        client.close();
    }

    private record Reply(int status, String body, String trackingId, String retryAfter) {
    }
}
