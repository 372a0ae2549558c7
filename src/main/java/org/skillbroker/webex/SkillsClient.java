package org.skillbroker.webex;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.UriBuilder;
import org.skillbroker.config.Settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The CC Skill API (webex-api.md §3.6): names and types of skills, which the profile DTO does not carry. */
public final class SkillsClient {

    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 50;

    private final WebexHttp http;
    private final Settings.Webex webex;

    public SkillsClient(WebexHttp http, Settings.Webex webex) {
        this.http = Objects.requireNonNull(http, "http");
        this.webex = Objects.requireNonNull(webex, "webex");
    }

    /** Every skill of the org. */
    public List<Skill> all(String accessToken, String orgUuid) {
        List<Skill> skills = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            SkillProfilesClient.Page answer = SkillProfilesClient.Page.of(http.get(base(orgUuid).path("v2").path("skill")
                    .queryParam("page", page).queryParam("pageSize", PAGE_SIZE).build(), accessToken), page, PAGE_SIZE);
            answer.items().forEach(item -> skills.add(skill(item)));
            if (!answer.hasMore()) {
                break;
            }
        }
        return skills;
    }

    /** @throws WebexNotFoundException when the org has no such skill */
    public Skill byId(String accessToken, String orgUuid, String skillId) {
        return skill(http.get(base(orgUuid).segment("skill", skillId).build(), accessToken));
    }

    private UriBuilder base(String orgUuid) {
        return UriBuilder.fromUri(webex.ccApiBase()).replacePath("/organization").segment(orgUuid);
    }

    /** The spec spells types both {@code Proficiency} and {@code PROFICIENCY} (webex-api.md §3.6): upper-cased. */
    private static Skill skill(JsonObject json) {
        return new Skill(json.getString("id", ""), json.getString("name", ""),
                json.getString("skillType", "").toUpperCase(Locale.ROOT),
                json.get("dynamicSkill") == jakarta.json.JsonValue.TRUE && json.get("active") == jakarta.json.JsonValue.TRUE);
    }

    /**
     * A skill's id, name and type ({@code PROFICIENCY}, {@code BOOLEAN}, {@code TEXT}, {@code ENUM}), and whether it
     * may be given to one agent: SkillDTO's {@code dynamicSkill} and {@code active} both sent as {@code true} (a
     * missing or other value does not allow it).
     */
    public record Skill(String id, String name, String type, boolean dynamic) {
        public Skill(String id, String name, String type) {
            this(id, name, type, false);
        }

        public boolean proficiency() {
            return "PROFICIENCY".equals(type);
        }
    }
}
