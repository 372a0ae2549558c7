package org.skillbroker.webex;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.UriBuilder;
import org.skillbroker.config.Settings;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The CC Skill Profile API (webex-api.md §3.1). Profiles travel as the raw DTO: the read-modify-write must put
 * back every field it does not understand, so nothing here maps them to narrower types. Ids are validated by
 * the caller before they reach a URL; they are still added as single path segments here (an id with a '/' is
 * encoded, never a new segment).
 */
public final class SkillProfilesClient {

    private final WebexHttp http;
    private final Settings.Webex webex;
    /** {@code https://api.wxcc-us1.cisco.com/organization/}, once. */
    private final String organizations;

    public SkillProfilesClient(WebexHttp http, Settings.Webex webex) {
        this.http = Objects.requireNonNull(http, "http");
        this.webex = Objects.requireNonNull(webex, "webex");
        this.organizations = PathSegment.origin(webex.ccApiBase()) + "/organization/";
    }

    /** The full DTO without {@code includeSkillDetails}, so it can be written back as is. */
    public JsonObject get(String accessToken, String orgUuid, String profileId) {
        return http.get(URI.create(profile(orgUuid, profileId)), accessToken);
    }

    /**
     * The full DTO with {@code includeSkillDetails=true}: skill names and enum-skill names and values, which are
     * read-only and must be stripped before the DTO is written back.
     */
    public JsonObject getWithDetails(String accessToken, String orgUuid, String profileId) {
        return http.get(URI.create(profile(orgUuid, profileId) + "?includeSkillDetails=true"), accessToken);
    }

    /** Replaces the profile; Webex answers the stored DTO with its new {@code version}. */
    public WebexHttp.Tracked put(String accessToken, String orgUuid, String profileId, JsonObject dto) {
        return http.putTracked(URI.create(profile(orgUuid, profileId)), accessToken, dto);
    }

    /** One page of the v2 list: {@code {data:[...], meta:{...}}}. */
    public Page list(String accessToken, String orgUuid, String search, int page, int pageSize) {
        UriBuilder uri = base(orgUuid).path("v2").path("skill-profile")
                .queryParam("page", page).queryParam("pageSize", pageSize);
        if (search != null && !search.isBlank()) {
            uri.queryParam("search", search);
        }
        return Page.of(http.get(uri.build(), accessToken), page, pageSize);
    }

    private UriBuilder base(String orgUuid) {
        return UriBuilder.fromUri(webex.ccApiBase()).replacePath("/organization").segment(orgUuid);
    }

    /** The profile's URL as a string, built from encoded segments and parsed once by the caller. */
    private String profile(String orgUuid, String profileId) {
        return organizations + PathSegment.encode(orgUuid) + "/skill-profile/" + PathSegment.encode(profileId);
    }

    /** A page of a v2 list. Real {@code meta} fields are unconfirmed (webex-api.md §3.5): a short page ends it. */
    public record Page(List<JsonObject> items, boolean hasMore) {
        static Page of(JsonObject json, int page, int pageSize) {
            JsonValue data = json.get("data");
            List<JsonObject> items = data instanceof JsonArray array
                    ? array.stream().filter(v -> v instanceof JsonObject).map(JsonValue::asJsonObject).toList()
                    : List.of();
            JsonObject meta = json.get("meta") instanceof JsonObject m ? m : JsonValue.EMPTY_JSON_OBJECT;
            boolean more = meta.containsKey("totalPages") && meta.get("totalPages").getValueType() == JsonValue.ValueType.NUMBER
                    ? page + 1 < meta.getInt("totalPages")
                    : items.size() >= pageSize;
            return new Page(items, more);
        }
    }
}
