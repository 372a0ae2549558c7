package org.skillbroker.simulator;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stored skill profiles as full SkillProfileDTOs (webex-api.md §3.2), without detail fields. What a stale
 * {@code version} gets is a switch ({@link SimSwitches.StaleVersion}): Cisco does not publish it. Updates replace
 * skills exactly with what was sent.
 */
final class SkillProfileStore {

    sealed interface UpdateResult {
        record Updated(JsonObject profile) implements UpdateResult {
        }

        record NotFound() implements UpdateResult {
        }

        record Invalid(String message) implements UpdateResult {
        }

        record Stale() implements UpdateResult {
        }
    }

    private final SimClock clock;
    private final SkillCatalog catalog;
    private final SkillProfileValidation validation;
    private final Map<String, JsonObject> profiles = new LinkedHashMap<>();

    SkillProfileStore(SimClock clock, SkillCatalog catalog) {
        this.clock = clock;
        this.catalog = catalog;
        this.validation = new SkillProfileValidation(catalog);
    }

    /** Entries are minimal skill objects ({@code skillId} + value); ids and timestamps are filled in. */
    synchronized String create(String id, String orgUuid, String name, String description,
                               List<JsonObject> activeSkills, List<JsonObject> activeEnumSkills) {
        long now = clock.now().toEpochMilli();
        JsonObjectBuilder dto = Json.createObjectBuilder()
                .add("organizationId", orgUuid)
                .add("id", id)
                .add("version", 0)
                .add("name", name);
        if (description != null) {
            dto.add("description", description);
        }
        JsonObject profile = dto.add("activeSkills", complete(orgUuid, activeSkills, now))
                .add("activeEnumSkills", complete(orgUuid, activeEnumSkills, now))
                .add("createdTime", now)
                .add("lastUpdatedTime", now)
                .build();
        profiles.put(id, profile);
        return id;
    }

    synchronized Optional<JsonObject> get(String orgUuid, String id) {
        JsonObject profile = profiles.get(id);
        return profile != null && orgUuid.equals(profile.getString("organizationId"))
                ? Optional.of(profile) : Optional.empty();
    }

    /** Any org: for the control API. */
    synchronized void remove(String id) {
        profiles.remove(id);
    }

    synchronized Optional<JsonObject> get(String id) {
        return Optional.ofNullable(profiles.get(id));
    }

    synchronized List<JsonObject> list(String orgUuid) {
        return profiles.values().stream()
                .filter(p -> orgUuid.equals(p.getString("organizationId")))
                .sorted(Comparator.comparing(p -> p.getString("name").toLowerCase(java.util.Locale.ROOT)))
                .toList();
    }

    /** @param stale what a {@code version} other than the stored one gets (Cisco does not say) */
    synchronized UpdateResult update(String orgUuid, String id, JsonObject body, SimSwitches.StaleVersion stale) {
        Optional<JsonObject> stored = get(orgUuid, id);
        if (stored.isEmpty()) {
            return new UpdateResult.NotFound();
        }
        Optional<String> problem = validation.problem(orgUuid, id, body);
        if (problem.isPresent()) {
            return new UpdateResult.Invalid(problem.get());
        }
        int storedVersion = stored.get().getInt("version");
        boolean current = body.get("version") instanceof JsonNumber sent && sent.intValue() == storedVersion;
        if (!current && stale != SimSwitches.StaleVersion.LAST_WRITE_WINS) {
            return new UpdateResult.Stale();
        }
        long now = clock.now().toEpochMilli();
        JsonObjectBuilder dto = Json.createObjectBuilder()
                .add("organizationId", orgUuid)
                .add("id", id)
                .add("version", storedVersion + 1)
                .add("name", body.getString("name"));
        if (body.get("description") != null && !body.isNull("description")) {
            dto.add("description", body.getString("description"));
        }
        JsonArray enums = body.get("activeEnumSkills") instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
        JsonObject updated = dto
                .add("activeSkills", complete(orgUuid, body.getJsonArray("activeSkills").getValuesAs(JsonObject.class), now))
                .add("activeEnumSkills", complete(orgUuid, enums.getValuesAs(JsonObject.class), now))
                .add("createdTime", stored.get().getJsonNumber("createdTime").longValue())
                .add("lastUpdatedTime", now)
                .build();
        profiles.put(id, updated);
        return new UpdateResult.Updated(updated);
    }

    /** Another writer's change (Control Hub, another broker node): sets one proficiency and bumps the version. */
    synchronized void setProficiency(String id, String skillId, int value) {
        JsonObject stored = profiles.get(id);
        if (stored == null) {
            throw new IllegalArgumentException("no skill profile " + id);
        }
        JsonArrayBuilder skills = Json.createArrayBuilder();
        for (JsonObject skill : stored.getJsonArray("activeSkills").getValuesAs(JsonObject.class)) {
            skills.add(skillId.equals(skill.getString("skillId"))
                    ? Json.createObjectBuilder(skill).add("proficiencyValue", value).build() : skill);
        }
        profiles.put(id, Json.createObjectBuilder(stored).add("activeSkills", skills)
                .add("version", stored.getInt("version") + 1)
                .add("lastUpdatedTime", clock.now().toEpochMilli()).build());
    }

    /** The GET {@code includeSkillDetails=true} view: adds skill names and enum value details. */
    JsonObject withDetails(JsonObject profile) {
        String org = profile.getString("organizationId");
        JsonArrayBuilder skills = Json.createArrayBuilder();
        for (JsonObject skill : profile.getJsonArray("activeSkills").getValuesAs(JsonObject.class)) {
            JsonObjectBuilder b = Json.createObjectBuilder(skill);
            catalog.skill(org, skill.getString("skillId")).ifPresent(s -> b.add("skillName", s.name()));
            skills.add(b);
        }
        JsonArrayBuilder enums = Json.createArrayBuilder();
        for (JsonObject e : profile.getJsonArray("activeEnumSkills").getValuesAs(JsonObject.class)) {
            JsonObjectBuilder b = Json.createObjectBuilder(e);
            catalog.enumValue(org, e.getString("enumSkillValueId")).ifPresent(c -> b
                    .add("enumSkillName", c.skill().name())
                    .add("enumSkillValue", c.value().name())
                    .add("enumSkillId", c.skill().id()));
            enums.add(b);
        }
        return Json.createObjectBuilder(profile).add("activeSkills", skills).add("activeEnumSkills", enums).build();
    }

    /** Keeps what the client sent and fills the server-owned fields it left out. */
    private static JsonArray complete(String orgUuid, List<JsonObject> entries, long now) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (JsonObject entry : entries) {
            JsonObjectBuilder b = Json.createObjectBuilder(entry);
            if (!entry.containsKey("id") || entry.isNull("id")) {
                b.add("id", Ids.randomUuid());
            }
            if (!entry.containsKey("version") || entry.isNull("version")) {
                b.add("version", 0);
            }
            b.add("organizationId", orgUuid);
            if (!entry.containsKey("createdTime") || entry.isNull("createdTime")) {
                b.add("createdTime", now);
            }
            b.add("lastUpdatedTime", now);
            array.add(b);
        }
        return array.build();
    }
}
