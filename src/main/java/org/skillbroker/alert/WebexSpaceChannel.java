package org.skillbroker.alert;

import jakarta.json.JsonObject;
import org.skillbroker.Jsonp;
import org.skillbroker.config.Secret;
import org.skillbroker.webex.WebexException;
import org.skillbroker.webex.WebexHttp;
import org.skillbroker.webex.WebexRateLimitedException;

import java.net.URI;
import java.util.Objects;

/**
 * Posts alerts into a Webex space as a bot: {@code POST /v1/messages} with {@code roomId}, {@code markdown} and
 * a plain {@code text} fallback. The bot's token is used for nothing else; it is not the admin grant, so a dead
 * grant cannot silence the alert about it.
 */
public final class WebexSpaceChannel implements AlertChannel {

    /** Webex refuses messages over 7439 bytes; alerts stay far below, this only guards a runaway detail. */
    static final int MAX_CHARS = 3000;

    private final WebexHttp http;
    private final URI messagesUri;
    private final Secret botToken;
    private final String roomId;

    public WebexSpaceChannel(WebexHttp http, URI apiBase, Secret botToken, String roomId) {
        this.http = Objects.requireNonNull(http, "http");
        this.messagesUri = apiBase.resolve("/v1/messages");
        this.botToken = Objects.requireNonNull(botToken, "botToken");
        this.roomId = Objects.requireNonNull(roomId, "roomId");
    }

    @Override
    public String name() {
        return "Webex space";
    }

    @Override
    public String target() {
        return "room …" + roomId.substring(Math.max(0, roomId.length() - 8));
    }

    @Override
    public void send(Alert alert) throws DeliveryException {
        JsonObject message = Jsonp.createObjectBuilder()
                .add("roomId", roomId)
                .add("text", cut(alert.text()))
                .add("markdown", cut(alert.markdown()))
                .build();
        try {
            http.postTracked(messagesUri, botToken.reveal(), message);
        } catch (WebexRateLimitedException e) {
            throw new DeliveryException("Webex rate limit reached" + tracking(e), e.retryAfter());
        } catch (WebexException e) {
            throw new DeliveryException((e.status() == 0 ? e.getMessage() : "Webex answered " + e.status())
                    + tracking(e));
        }
    }

    private static String cut(String text) {
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS - 1) + "…";
    }

    private static String tracking(WebexException e) {
        return e.trackingId().map(id -> " (trackingId " + id + ")").orElse("");
    }
}
