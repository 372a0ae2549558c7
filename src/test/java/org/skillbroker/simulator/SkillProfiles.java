package org.skillbroker.simulator;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * CC Skill Profile API (webex-api.md §3): GET by id, PUT (full DTO, version-checked), the v2 list and
 * incoming-references.
 */
final class SkillProfiles {

    private static final String STALE = "Stale version: the skill profile was updated by another request";

    private final CcGate gate;
    private final SkillProfileStore store;
    private final Directory directory;
    private final SimSwitches switches;

    SkillProfiles(CcGate gate, SkillProfileStore store, Directory directory, SimSwitches switches) {
        this.gate = gate;
        this.store = store;
        this.directory = directory;
        this.switches = switches;
    }

    void register(Router router) {
        router.add("GET", "/organization/([^/]+)/skill-profile/([^/]+)", (ex, p) -> get(ex, p));
        router.add("PUT", "/organization/([^/]+)/skill-profile/([^/]+)", (ex, p) -> put(ex, p));
        router.add("GET", "/organization/([^/]+)/v2/skill-profile", (ex, p) -> list(ex, p));
        router.add("GET", "/organization/([^/]+)/skill-profile/([^/]+)/incoming-references",
                (ex, p) -> references(ex, p));
    }

    private void get(SimExchange ex, List<String> p) throws IOException {
        if (gate.admit(ex, p.get(0), false).isEmpty()) {
            return;
        }
        Optional<JsonObject> profile = store.get(p.get(0), p.get(1));
        if (profile.isEmpty()) {
            notFound(ex, p.get(1));
            return;
        }
        boolean details = "true".equalsIgnoreCase(ex.query("includeSkillDetails"));
        ex.json(200, details ? store.withDetails(profile.get()) : profile.get());
    }

    private void put(SimExchange ex, List<String> p) throws IOException {
        if (gate.admit(ex, p.get(0), true).isEmpty()) {
            return;
        }
        JsonValue body = JsonBodies.parse(ex.body());
        if (body == null || body.getValueType() != JsonValue.ValueType.OBJECT) {
            ex.json(400, JsonBodies.ccError(400, "Request body must be a SkillProfileDTO JSON object",
                    ex.trackingId()));
            return;
        }
        if (switches.takeIgnoredPut()) {
            // reported by third parties: a 200 that did not change the value; answers what is stored
            Optional<JsonObject> stored = store.get(p.get(0), p.get(1));
            if (stored.isPresent()) {
                ex.json(200, stored.get());
                return;
            }
        }
        SimSwitches.StaleVersion stale = switches.staleVersion();
        SkillProfileStore.UpdateResult result = store.update(p.get(0), p.get(1), body.asJsonObject(), stale);
        if (result instanceof SkillProfileStore.UpdateResult.Updated updated) {
            ex.json(200, updated.profile());
        } else if (result instanceof SkillProfileStore.UpdateResult.Invalid invalid) {
            ex.json(400, JsonBodies.ccError(400, invalid.message(), ex.trackingId()));
        } else if (result instanceof SkillProfileStore.UpdateResult.Stale) {
            int status = stale == SimSwitches.StaleVersion.REJECT_409 ? 409 : 400;
            ex.json(status, JsonBodies.ccError(status, STALE, ex.trackingId()));
        } else {
            notFound(ex, p.get(1));
        }
    }

    /** Items are whole SkillProfileDTOs, as Cisco's ResponseEnvelopeSkillProfileDTO says; attributes trims them. */
    private void list(SimExchange ex, List<String> p) throws IOException {
        if (gate.admit(ex, p.get(0), false).isEmpty()) {
            return;
        }
        String search = ex.query("search") == null ? "" : ex.query("search").toLowerCase(Locale.ROOT);
        Predicate<JsonObject> filter = Rsql.parse(ex.query("filter"), Set.of("id", "name", "description", "version"));
        List<JsonObject> items = store.list(p.get(0)).stream()
                .filter(dto -> dto.getString("name").toLowerCase(Locale.ROOT).contains(search)
                        || dto.getString("description", "").toLowerCase(Locale.ROOT).contains(search))
                .filter(filter)
                .map(dto -> Attributes.trim(dto, ex.query("attributes")))
                .toList();
        ex.json(200, JsonBodies.page(items, Paging.page(ex), Paging.pageSize(ex)));
    }

    private void references(SimExchange ex, List<String> p) throws IOException {
        if (gate.admit(ex, p.get(0), false).isEmpty()) {
            return;
        }
        if (store.get(p.get(0), p.get(1)).isEmpty()) {
            notFound(ex, p.get(1));
            return;
        }
        // EntityInfo has no type; what the type parameter accepts is not published: it is ignored
        List<JsonObject> refs = directory.references(p.get(0), p.get(1)).stream()
                .map(r -> Json.createObjectBuilder().add("id", r.id()).add("name", r.name())
                        .add("additionalAttributes", Json.createObjectBuilder())
                        .add("createdDate", "2023-03-01T09:00:00Z").add("lastModifiedDate", "2023-03-01T09:00:00Z")
                        .add("version", 1).build())
                .toList();
        ex.json(200, JsonBodies.page(refs, Paging.page(ex), Paging.pageSize(ex)));
    }

    private static void notFound(SimExchange ex, String id) throws IOException {
        ex.json(404, JsonBodies.ccError(404, "Skill profile not found: " + id, ex.trackingId()));
    }
}
