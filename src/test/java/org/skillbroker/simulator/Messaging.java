package org.skillbroker.simulator;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /v1/messages} as a bot uses it (developer.webex.com/docs/api/v1/messages/create-a-message):
 * bearer token of the bot, a JSON body with {@code roomId} and {@code text} and/or {@code markdown}; 200 with the
 * created message; 400 for a body without a destination or without content, or over 7439 bytes of text; 401 for
 * an unknown token; 404 when the room does not exist or the bot is not a member of it. Bot tokens never expire
 * here (Webex bot tokens are long-lived).
 */
public final class Messaging {

    /** Webex refuses longer message text. */
    static final int MAX_TEXT_BYTES = 7439;

    record Bot(String token, String personId, String email) {
    }

    /** A message as received, for assertions. */
    public record Message(String id, String roomId, String botEmail, String text, String markdown) {
    }

    private final SimClock clock;
    private final Map<String, Bot> botsByToken = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> roomMembers = new ConcurrentHashMap<>();
    private final List<Message> messages = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();

    Messaging(SimClock clock) {
        this.clock = clock;
    }

    void register(Router router) {
        router.add("POST", "/v1/messages", (ex, p) -> create(ex));
    }

    /** A new bot; returns its access token. */
    String createBot(String name) {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String email = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "") + "@webex.bot";
        botsByToken.put(token, new Bot(token, Ids.restId("PEOPLE", Ids.randomUuid()), email));
        return token;
    }

    /** A new group space with the given bots (by token) as members; returns its room id. */
    String createRoom(List<String> botTokens) {
        String roomId = Ids.restId("ROOM", Ids.randomUuid());
        Set<String> members = ConcurrentHashMap.newKeySet();
        botTokens.forEach(t -> members.add(botsByToken.get(t).personId()));
        roomMembers.put(roomId, members);
        return roomId;
    }

    Set<String> botTokens() {
        return Set.copyOf(botsByToken.keySet());
    }

    synchronized List<Message> messages(String roomId) {
        return messages.stream().filter(m -> m.roomId().equals(roomId)).toList();
    }

    private void create(SimExchange ex) throws IOException {
        Bot bot = ex.bearerToken() == null ? null : botsByToken.get(ex.bearerToken());
        if (bot == null) {
            ex.setHeader("WWW-Authenticate", "Bearer realm=\"webex\"");
            ex.json(401, JsonBodies.webexError(
                    "The request requires a valid access token set in the Authorization request header.",
                    ex.trackingId()));
            return;
        }
        JsonValue parsed = JsonBodies.parse(ex.body());
        if (!(parsed instanceof JsonObject body)) {
            ex.json(400, JsonBodies.webexError("Unable to parse the request body.", ex.trackingId()));
            return;
        }
        String roomId = string(body, "roomId");
        String text = string(body, "text");
        String markdown = string(body, "markdown");
        if (roomId == null) {
            ex.json(400, JsonBodies.webexError("roomId, toPersonId or toPersonEmail is required.", ex.trackingId()));
            return;
        }
        if (text == null && markdown == null) {
            ex.json(400, JsonBodies.webexError("text, markdown, files or attachments is required.", ex.trackingId()));
            return;
        }
        if (bytes(text) > MAX_TEXT_BYTES || bytes(markdown) > MAX_TEXT_BYTES) {
            ex.json(400, JsonBodies.webexError("Message too long.", ex.trackingId()));
            return;
        }
        Set<String> members = roomMembers.get(roomId);
        if (members == null || !members.contains(bot.personId())) {
            ex.json(404, JsonBodies.webexError("Could not find a room with provided ID.", ex.trackingId()));
            return;
        }
        String id = Ids.restId("MESSAGE", Ids.randomUuid());
        synchronized (this) {
            messages.add(new Message(id, roomId, bot.email(), text, markdown));
        }
        var answer = Json.createObjectBuilder().add("id", id).add("roomId", roomId).add("roomType", "group")
                .add("personId", bot.personId()).add("personEmail", bot.email())
                .add("created", DateTimeFormatter.ISO_INSTANT.format(clock.now()));
        if (text != null) {
            answer.add("text", text);
        }
        if (markdown != null) {
            answer.add("markdown", markdown);
        }
        ex.json(200, answer.build());
    }

    private static String string(JsonObject body, String name) {
        return body.get(name) instanceof JsonString s && !s.getString().isEmpty() ? s.getString() : null;
    }

    private static int bytes(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
