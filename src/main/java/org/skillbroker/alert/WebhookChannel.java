package org.skillbroker.alert;

import org.skillbroker.config.Secret;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * POSTs each alert as JSON ({@link Alert#json()}) to a URL the operator chose: a chat tool's incoming webhook, a
 * ticketing system, an on-call service. The URL is treated as a secret (such URLs often carry their key); only
 * its host is ever shown or logged.
 */
public final class WebhookChannel implements AlertChannel {

    private final HttpClient client;
    private final Secret url;
    private final Duration readTimeout;

    public WebhookChannel(Secret url, Duration connectTimeout, Duration readTimeout) {
        this.url = Objects.requireNonNull(url, "url");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
        // no redirects: a receiver must not bounce the alert (and the URL's key) somewhere else
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public String target() {
        URI uri = URI.create(url.reveal());
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    @Override
    public void send(Alert alert) throws DeliveryException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.reveal()))
                .timeout(readTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "skill-broker-alerts")
                .POST(HttpRequest.BodyPublishers.ofString(alert.json().toString()))
                .build();
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new DeliveryException(target() + " could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted");
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            Duration retryAfter = response.headers().firstValue("Retry-After").flatMap(WebhookChannel::seconds)
                    .orElse(null);
            throw new DeliveryException(target() + " answered " + status, retryAfter);
        }
    }

    private static java.util.Optional<Duration> seconds(String header) {
        try {
            return java.util.Optional.of(Duration.ofSeconds(Math.max(1, Math.min(3600, Long.parseLong(header.trim())))));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
