package org.skillbroker.webex;

import jakarta.json.JsonObject;
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
    /** {@code https://api.wxcc-us1.cisco.com/organization}, once. */
    private final WebexUri organizations;

    public SkillsClient(WebexHttp http, Settings.Webex webex) {
        this.http = Objects.requireNonNull(http, "http");
        this.organizations = WebexUri.origin(webex.ccApiBase()).path("organization");
    }

    /** Every skill of the org. */
    public List<Skill> all(String accessToken, String orgUuid) {
        List<Skill> skills = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            SkillProfilesClient.Page answer = SkillProfilesClient.Page.of(http.get(organizations.path(orgUuid, "v2", "skill")
                    .query("page", page).query("pageSize", PAGE_SIZE).toUri(), accessToken), page, PAGE_SIZE);
            answer.items().forEach(item -> skills.add(skill(item)));
            if (!answer.hasMore()) {
                break;
            }
        }
        return skills;
    }

    /** @throws WebexNotFoundException when the org has no such skill */
    public Skill byId(String accessToken, String orgUuid, String skillId) {
        return skill(http.get(organizations.path(orgUuid, "skill", skillId).toUri(), accessToken));
    }

    /** The spec spells types both {@code Proficiency} and {@code PROFICIENCY} (webex-api.md §3.6): upper-cased. */
    private static Skill skill(JsonObject json) {
        return new Skill(json.getString("id", ""), json.getString("name", ""),
                json.getString("skillType", "").toUpperCase(Locale.ROOT),
                json.get("dynamicSkill") == jakarta.json.JsonValue.TRUE && json.get("active") == jakarta.json.JsonValue.TRUE,
                enumValues(json));
    }

    /** SkillDTO's {@code enumSkillValues}: only values with both an id and a name count (the id is optional there). */
    private static List<EnumValue> enumValues(JsonObject json) {
        List<EnumValue> values = new ArrayList<>();
        if (json.get("enumSkillValues") instanceof jakarta.json.JsonArray array) {
            for (jakarta.json.JsonValue item : array) {
                if (item instanceof JsonObject value && value.get("id") instanceof jakarta.json.JsonString id
                        && value.get("name") instanceof jakarta.json.JsonString name
                        && !id.getString().isEmpty() && !name.getString().isEmpty()) {
                    values.add(new EnumValue(id.getString(), name.getString()));
                }
            }
        }
        return values;
    }

    /** One value an enum skill may take (EnumSkillValueDTO). */
    public record EnumValue(String id, String name) {
    }

    /**
     * A skill's id, name and type ({@code PROFICIENCY}, {@code BOOLEAN}, {@code TEXT}, {@code ENUM}), whether it
     * may be given to one agent (SkillDTO's {@code dynamicSkill} and {@code active} both sent as {@code true}: a
     * missing or other value does not allow it), and an enum skill's values.
     */
    public record Skill(String id, String name, String type, boolean dynamic, List<EnumValue> values) {
        public Skill {
            values = List.copyOf(values);
        }

        public Skill(String id, String name, String type, boolean dynamic) {
            this(id, name, type, dynamic, List.of());
        }

        public Skill(String id, String name, String type) {
            this(id, name, type, false);
        }

        public boolean proficiency() {
            return "PROFICIENCY".equals(type);
        }

        /** The enum value with this name, exactly as Contact Center spells it. */
        public java.util.Optional<EnumValue> valueNamed(String name) {
            return values.stream().filter(v -> v.name().equals(name)).findFirst();
        }

        /**
         * The value an AssignedDynamicSkillsDTO's {@code enumSkillValues} string names: Cisco does not say whether it
         * holds a value's id or its name, so either is read; anything else (several values, an unknown one, a
         * string that is one value's id and another's name) is no value at all.
         */
        public java.util.Optional<EnumValue> valueShown(String shown) {
            List<EnumValue> matching = values.stream().filter(v -> v.id().equalsIgnoreCase(shown)
                    || v.name().equals(shown)).toList();
            return matching.size() == 1 ? java.util.Optional.of(matching.get(0)) : java.util.Optional.empty();
        }
    }
}
