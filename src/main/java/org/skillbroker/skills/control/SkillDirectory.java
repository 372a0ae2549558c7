package org.skillbroker.skills.control;

import org.skillbroker.token.AdminCalls;
import org.skillbroker.webex.SkillsClient;
import org.skillbroker.webex.WebexNotFoundException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Names and types of the org's skills, which the profile DTO does not carry (webex-api.md §3.6). The whole list
 * is loaded once per TTL (skills are few and change rarely); a skill created since is fetched by id, and one
 * that no longer exists is remembered as unknown until the next load.
 */
public final class SkillDirectory {

    private final SkillsClient skills;
    private final AdminCalls admin;
    private final Supplier<String> adminOrg;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, SkillsClient.Skill> known = new HashMap<>();
    private final Set<String> unknown = new HashSet<>();
    private Instant loadedAt;

    public SkillDirectory(SkillsClient skills, AdminCalls admin, Supplier<String> adminOrg, Duration ttl, Clock clock) {
        this.skills = Objects.requireNonNull(skills, "skills");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.adminOrg = Objects.requireNonNull(adminOrg, "adminOrg");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The skills among {@code ids} that the Skill API knows, by lower-cased id. */
    public synchronized Map<String, SkillsClient.Skill> describe(Collection<String> ids) {
        String org = adminOrg.get();
        Instant now = clock.instant();
        if (loadedAt == null || !now.isBefore(loadedAt.plus(ttl))) {
            Map<String, SkillsClient.Skill> loaded = new HashMap<>();
            admin.read(token -> skills.all(token, org)).forEach(s -> loaded.put(s.id().toLowerCase(Locale.ROOT), s));
            known.clear();
            known.putAll(loaded);
            unknown.clear();
            loadedAt = now;
        }
        Map<String, SkillsClient.Skill> found = new HashMap<>();
        for (String id : ids) {
            String key = id.toLowerCase(Locale.ROOT);
            if (!known.containsKey(key) && !unknown.contains(key) && Ids.isUuid(key)) {
                try {
                    known.put(key, admin.read(token -> skills.byId(token, org, key)));
                } catch (WebexNotFoundException e) {
                    unknown.add(key);
                }
            }
            if (known.containsKey(key)) {
                found.put(key, known.get(key));
            }
        }
        return found;
    }
}
