package org.skillbroker.webex;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.skillbroker.config.Settings;

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
    /** {@code https://api.wxcc-us1.cisco.com/organization}, once. */
    private final WebexUri organizations;

    public SkillProfilesClient(WebexHttp http, Settings.Webex webex) {
        this.http = Objects.requireNonNull(http, "http");
        this.organizations = WebexUri.origin(webex.ccApiBase()).path("organization");
    }

    /** The full DTO without {@code includeSkillDetails}, so it can be written back as is. */
    public JsonObject get(String accessToken, String orgUuid, String profileId) {
        return http.get(profile(orgUuid, profileId).toUri(), accessToken);
    }

    /**
     * The full DTO with {@code includeSkillDetails=true}: skill names and enum-skill names and values, which are
     * read-only and must be stripped before the DTO is written back.
     */
    public JsonObject getWithDetails(String accessToken, String orgUuid, String profileId) {
        return http.get(profile(orgUuid, profileId).query("includeSkillDetails", true).toUri(), accessToken);
    }

    /** Replaces the profile; Webex answers the stored DTO with its new {@code version}. */
    public WebexHttp.Tracked put(String accessToken, String orgUuid, String profileId, JsonObject dto) {
        return http.putTracked(profile(orgUuid, profileId).toUri(), accessToken, dto);
    }

    /** One page of the v2 list: {@code {data:[...], meta:{...}}}. */
    public Page list(String accessToken, String orgUuid, String search, int page, int pageSize) {
        WebexUri uri = organizations.path(orgUuid, "v2", "skill-profile")
                .query("page", page).query("pageSize", pageSize);
        if (search != null && !search.isBlank()) {
            uri = uri.query("search", search);
        }
        return Page.of(http.get(uri.toUri(), accessToken), page, pageSize);
    }

    private WebexUri profile(String orgUuid, String profileId) {
        return organizations.path(orgUuid, "skill-profile", profileId);
    }

    /** A page of a v2 list. Real {@code meta} fields are unconfirmed (webex-api.md §3.5): a short page ends it. */
    public record Page(List<JsonObject> items, boolean hasMore) {

        /**
         * Every item of a v2 list, page by page, up to {@code maxPages}: a list longer than that is refused with
         * {@code tooMany} rather than passed on as if it were complete.
         */
        static void each(WebexHttp http, String token, WebexUri query, int pageSize, int maxPages, String tooMany,
                         java.util.function.Consumer<JsonObject> each) {
            for (int page = 0; page < maxPages; page++) {
                Page answer = of(http.get(query.query("page", page).query("pageSize", pageSize).toUri(), token), page,
                        pageSize);
                answer.items().forEach(each);
                if (!answer.hasMore()) {
                    return;
                }
            }
            throw new WebexUnavailableException(tooMany, false, null);
        }

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
