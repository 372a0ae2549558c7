package org.skillbroker.token;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.skillbroker.Jsonp;

import java.io.StringReader;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The grant as JSON, the plaintext inside {@link GrantCodec}'s envelope, with JSON-P. Until 2026-11 it was written
 * and read by JSON-B (Yasson), whose start-up cost a tenth of a deploy for this one small object; the text is
 * exactly what JSON-B's defaults wrote, so stores written before are read, and a node still running the older
 * version reads what this one writes (GrantJsonTest compares both): properties in lexicographic order, a null
 * property left out, instants as ISO-8601 ({@link Instant#toString}), enums by name. As JSON-B did, a missing
 * property reads as null (0 or false for a number or flag), and an unknown one is ignored; the records'
 * constructors then refuse what a grant cannot be without.
 */
final class GrantJson {

    private GrantJson() {
    }

    static String write(Grant grant) {
        JsonObjectBuilder json = Jsonp.createObjectBuilder();
        if (grant.adminCheck() != null) {
            AdminCheck check = grant.adminCheck();
            json.add("adminCheck", Jsonp.createObjectBuilder()
                    .add("checkedAt", check.checkedAt().toString())
                    .add("qualified", check.qualified())
                    .add("reason", check.reason()));
        }
        JsonObjectBuilder marks = Jsonp.createObjectBuilder();
        grant.alertMarks().forEach((kind, mark) -> marks.add(kind, Jsonp.createObjectBuilder()
                .add("detail", mark.detail())
                .add("firing", mark.firing())
                .add("lastSentAt", mark.lastSentAt().toString())
                .add("since", mark.since().toString())));
        json.add("alertMarks", marks);
        json.add("authorizedAt", grant.authorizedAt().toString());
        Administrator admin = grant.authorizedBy();
        json.add("authorizedBy", Jsonp.createObjectBuilder()
                .add("displayName", admin.displayName())
                .add("email", admin.email())
                .add("personId", admin.personId()));
        json.add("generation", grant.generation());
        if (grant.lastRefreshAt() != null) {
            json.add("lastRefreshAt", grant.lastRefreshAt().toString());
        }
        if (grant.lastRefreshOutcome() != null) {
            json.add("lastRefreshOutcome", grant.lastRefreshOutcome());
        }
        json.add("orgId", grant.orgId());
        if (grant.serviceAppId() != null) {
            json.add("serviceAppId", grant.serviceAppId());
        }
        json.add("status", grant.status().name());
        TokenSet tokens = grant.tokens();
        JsonArrayBuilder scopes = Jsonp.createArrayBuilder();
        tokens.scopes().forEach(scopes::add);
        json.add("tokens", Jsonp.createObjectBuilder()
                .add("accessToken", tokens.accessToken())
                .add("accessTokenExpiresAt", tokens.accessTokenExpiresAt().toString())
                .add("issuedAt", tokens.issuedAt().toString())
                .add("refreshToken", tokens.refreshToken())
                .add("refreshTokenExpiresAt", tokens.refreshTokenExpiresAt().toString())
                .add("scopes", scopes));
        return json.build().toString();
    }

    /**
     * @throws RuntimeException for anything that is not a grant (its message may quote the text: never log it)
     */
    static Grant read(String text) {
        JsonObject json;
        try (JsonReader reader = Jsonp.createReader(new StringReader(text))) {
            json = reader.readObject();
        }
        JsonObject check = object(json, "adminCheck");
        JsonObject marks = object(json, "alertMarks");
        Map<String, AlertMark> alertMarks = null;
        if (marks != null) {
            alertMarks = new HashMap<>();
            for (String kind : marks.keySet()) {
                JsonObject mark = object(marks, kind);
                alertMarks.put(kind, mark == null ? null : new AlertMark(flag(mark, "firing"),
                        instant(mark, "since"), instant(mark, "lastSentAt"), text(mark, "detail")));
            }
        }
        JsonObject admin = object(json, "authorizedBy");
        JsonObject tokens = object(json, "tokens");
        String status = text(json, "status");
        return new Grant(
                tokens == null ? null : new TokenSet(text(tokens, "accessToken"),
                        instant(tokens, "accessTokenExpiresAt"), text(tokens, "refreshToken"),
                        instant(tokens, "refreshTokenExpiresAt"), strings(tokens, "scopes"),
                        instant(tokens, "issuedAt")),
                text(json, "orgId"),
                admin == null ? null : new Administrator(text(admin, "personId"), text(admin, "displayName"),
                        text(admin, "email")),
                instant(json, "authorizedAt"),
                status == null ? null : GrantStatus.valueOf(status),
                instant(json, "lastRefreshAt"),
                text(json, "lastRefreshOutcome"),
                number(json, "generation"),
                check == null ? null : new AdminCheck(instant(check, "checkedAt"), flag(check, "qualified"),
                        text(check, "reason")),
                alertMarks,
                text(json, "serviceAppId"));
    }

    private static boolean absent(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL;
    }

    private static JsonObject object(JsonObject json, String name) {
        return absent(json, name) ? null : json.getJsonObject(name);
    }

    private static String text(JsonObject json, String name) {
        return absent(json, name) ? null : json.getString(name);
    }

    private static Instant instant(JsonObject json, String name) {
        String text = text(json, name);
        return text == null ? null : Instant.parse(text);
    }

    private static long number(JsonObject json, String name) {
        return absent(json, name) ? 0 : ((JsonNumber) json.get(name)).longValueExact();
    }

    private static boolean flag(JsonObject json, String name) {
        return !absent(json, name) && json.getBoolean(name);
    }

    private static Set<String> strings(JsonObject json, String name) {
        if (absent(json, name)) {
            return null;
        }
        JsonArray array = json.getJsonArray(name);
        Set<String> values = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            values.add(((JsonString) array.get(i)).getString());
        }
        return values;
    }
}
