package org.skillbroker.simulator;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** CC Skill API reads (webex-api.md §3.6): by id and the v2 list with search and paging. */
final class Skills {

    private final CcGate gate;
    private final SkillCatalog catalog;

    Skills(CcGate gate, SkillCatalog catalog) {
        this.gate = gate;
        this.catalog = catalog;
    }

    void register(Router router) {
        router.add("GET", "/organization/([^/]+)/skill/([^/]+)", (ex, p) -> byId(ex, p));
        router.add("GET", "/organization/([^/]+)/v2/skill", (ex, p) -> list(ex, p));
    }

    private void byId(SimExchange ex, List<String> p) throws IOException {
        if (gate.admit(ex, p.get(0), false).isEmpty()) {
            return;
        }
        var skill = catalog.skill(p.get(0), p.get(1));
        if (skill.isEmpty()) {
            ex.json(404, JsonBodies.ccError(404, "Skill not found: " + p.get(1), ex.trackingId()));
            return;
        }
        ex.json(200, skill.get().toJson());
    }

    private void list(SimExchange ex, List<String> p) throws IOException {
        if (gate.admit(ex, p.get(0), false).isEmpty()) {
            return;
        }
        String search = ex.query("search") == null ? "" : ex.query("search").toLowerCase(Locale.ROOT);
        List<JsonObject> all = catalog.all(p.get(0)).stream()
                .filter(s -> s.name().toLowerCase(Locale.ROOT).contains(search)
                        || s.description().toLowerCase(Locale.ROOT).contains(search))
                .map(SkillCatalog.Skill::toJson)
                .toList();
        ex.json(200, JsonBodies.page(all, Paging.page(ex), Paging.pageSize(ex)));
    }
}
