package org.skillbroker.skills.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.skillbroker.caller.Caller;
import org.skillbroker.caller.ProfileAccess;
import org.skillbroker.skills.entity.ProfileSummary;
import org.skillbroker.skills.entity.ProfileView;
import org.skillbroker.skills.entity.SkillValue;
import org.skillbroker.token.AdminCalls;
import org.skillbroker.webex.SkillProfilesClient;
import org.skillbroker.webex.SkillsClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/** Reads profiles with the admin token and shapes them for the widget (names and types from the Skill API). */
public final class ProfileReader {

    /** Contact Center list page size behind one page of ours. */
    public static final int PAGE_SIZE = 50;

    private final SkillProfilesClient profiles;
    private final SkillDirectory skills;
    private final ProfileAccess access;
    private final AdminCalls admin;
    private final Supplier<String> adminOrg;

    public ProfileReader(SkillProfilesClient profiles, SkillDirectory skills, ProfileAccess access, AdminCalls admin,
                         Supplier<String> adminOrg) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.skills = Objects.requireNonNull(skills, "skills");
        this.access = Objects.requireNonNull(access, "access");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.adminOrg = Objects.requireNonNull(adminOrg, "adminOrg");
    }

    public ProfileView read(String profileId) {
        String org = adminOrg.get();
        JsonObject dto = admin.read(token -> profiles.getWithDetails(token, org, profileId));
        return view(dto, dto);
    }

    /** One page of the profiles the caller may change: a Contact Center page filtered, so it may be shorter. */
    public ListPage list(Caller caller, String search, int page) {
        String org = adminOrg.get();
        SkillProfilesClient.Page answer = admin.read(token -> profiles.list(token, org, search, page, PAGE_SIZE));
        List<ProfileSummary> items = new ArrayList<>();
        java.util.Set<String> permitted = access.mayChange(caller, answer.items().stream()
                .map(item -> item.getString("id", "")).filter(Ids::isUuid).toList());
        for (JsonObject item : answer.items()) {
            String id = item.getString("id", "");
            if (Ids.isUuid(id) && permitted.contains(id)) {
                items.add(new ProfileSummary(id, item.getString("name", ""), item.getString("description", "")));
            }
        }
        return new ListPage(items, page, answer.hasMore());
    }

    /** A page of the list; {@code hasMore} says whether asking for {@code page + 1} may find more. */
    public record ListPage(List<ProfileSummary> items, int page, boolean hasMore) {
        public ListPage {
            items = List.copyOf(items);
        }
    }

    /**
     * @param dto     the profile as Contact Center holds it
     * @param details the same profile read with {@code includeSkillDetails} (possibly an earlier version), for the
     *                enum skills' names and values
     */
    public ProfileView view(JsonObject dto, JsonObject details) {
        List<JsonObject> active = dto.get("activeSkills") instanceof JsonArray array
                ? array.stream().filter(v -> v instanceof JsonObject).map(JsonValue::asJsonObject).toList()
                : List.of();
        Map<String, SkillsClient.Skill> described = skills.describe(active.stream()
                .map(s -> s.getString("skillId", "")).filter(Ids::isUuid).toList());
        List<SkillValue> values = new ArrayList<>();
        for (JsonObject skill : active) {
            String id = skill.getString("skillId", "");
            SkillsClient.Skill info = described.get(id.toLowerCase(Locale.ROOT));
            String type = info == null ? "UNKNOWN" : info.type();
            values.add(new SkillValue(id, info == null ? "" : info.name(), type, value(type, skill),
                    info != null && info.proficiency() && access.skillAllowed(id)));
        }
        values.addAll(enumSkills(dto, details));
        return new ProfileView(dto.getString("id", ""), dto.getString("name", ""), dto.getString("description", ""),
                dto.get("version") instanceof JsonNumber n ? n.intValue() : 0, values);
    }

    /** Enum skills, shown read-only: the broker changes proficiencies only, and keeps these as they are. */
    private static List<SkillValue> enumSkills(JsonObject dto, JsonObject details) {
        Map<String, JsonObject> described = new java.util.HashMap<>();
        for (JsonObject e : objects(details.get("activeEnumSkills"))) {
            described.put(e.getString("enumSkillValueId", ""), e);
        }
        List<SkillValue> values = new ArrayList<>();
        for (JsonObject e : objects(dto.get("activeEnumSkills"))) {
            String valueId = e.getString("enumSkillValueId", "");
            JsonObject info = described.getOrDefault(valueId, e);
            values.add(new SkillValue(info.getString("enumSkillId", valueId), info.getString("enumSkillName", ""),
                    "ENUM", info.getString("enumSkillValue", valueId), false));
        }
        return values;
    }

    private static List<JsonObject> objects(JsonValue value) {
        return value instanceof JsonArray array
                ? array.stream().filter(v -> v instanceof JsonObject).map(JsonValue::asJsonObject).toList()
                : List.of();
    }

    private static Object value(String type, JsonObject skill) {
        return switch (type) {
            case "BOOLEAN" -> skill.get("booleanValue") == JsonValue.TRUE ? Boolean.TRUE
                    : skill.get("booleanValue") == JsonValue.FALSE ? Boolean.FALSE : null;
            case "TEXT" -> skill.get("textValue") instanceof JsonString s ? s.getString() : null;
            default -> skill.get("proficiencyValue") instanceof JsonNumber n ? Integer.valueOf(n.intValue()) : null;
        };
    }
}
