package org.skillbroker.skills.control;

import org.skillbroker.token.AdminCalls;
import org.skillbroker.webex.SkillsClient;
import org.skillbroker.webex.WebexNotFoundException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Names and types of the org's skills, which the profile DTO does not carry (webex-api.md §3.6). The whole list
 * is loaded once per TTL (skills are few and change rarely); a skill created since is fetched by id, and one
 * that no longer exists is remembered as unknown until the next load.
 *
 * <p>No lock is held while Webex is asked: a slow or repeated upstream call of one request never makes the
 * others queue. Concurrent requests that find the list stale share one load (they wait for its answer, bounded
 * by the HTTP timeouts); two requests may both fetch the same new skill by id, which is rare and harmless.
 */
public final class SkillDirectory {

    /** One loaded list: immutable, swapped whole. */
    private record Loaded(Map<String, SkillsClient.Skill> skills, Instant at) {
    }

    private final SkillsClient skills;
    private final AdminCalls admin;
    private final Supplier<String> adminOrg;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, SkillsClient.Skill> added = new ConcurrentHashMap<>();
    private final Set<String> unknown = ConcurrentHashMap.newKeySet();
    private volatile Loaded loaded;
    private CompletableFuture<Loaded> loading; // guarded by this, only while deciding who loads

    public SkillDirectory(SkillsClient skills, AdminCalls admin, Supplier<String> adminOrg, Duration ttl, Clock clock) {
        this.skills = Objects.requireNonNull(skills, "skills");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.adminOrg = Objects.requireNonNull(adminOrg, "adminOrg");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The skills among {@code ids} that the Skill API knows, by lower-cased id. */
    public Map<String, SkillsClient.Skill> describe(Collection<String> ids) {
        String org = adminOrg.get();
        Loaded list = current(org);
        Map<String, SkillsClient.Skill> found = new HashMap<>();
        for (String id : ids) {
            String key = id.toLowerCase(Locale.ROOT);
            SkillsClient.Skill skill = list.skills().get(key);
            if (skill == null) {
                skill = added.get(key);
            }
            if (skill == null && !unknown.contains(key) && Ids.isUuid(key)) {
                try {
                    skill = admin.read(token -> skills.byId(token, org, key));
                    added.put(key, skill);
                } catch (WebexNotFoundException e) {
                    unknown.add(key);
                }
            }
            if (skill != null) {
                found.put(key, skill);
            }
        }
        return found;
    }

    /** Every skill of the org (the list loaded once per TTL). */
    public java.util.Collection<SkillsClient.Skill> all() {
        return current(adminOrg.get()).skills().values();
    }

    private Loaded current(String org) {
        Loaded list = loaded;
        if (list != null && clock.instant().isBefore(list.at().plus(ttl))) {
            return list;
        }
        CompletableFuture<Loaded> mine;
        boolean loader;
        synchronized (this) {
            loader = loading == null;
            if (loader) {
                loading = new CompletableFuture<>();
            }
            mine = loading;
        }
        if (loader) {
            try {
                Map<String, SkillsClient.Skill> all = new HashMap<>();
                admin.read(token -> skills.all(token, org)).forEach(s -> all.put(s.id().toLowerCase(Locale.ROOT), s));
                Loaded fresh = new Loaded(Map.copyOf(all), clock.instant());
                added.clear();
                unknown.clear();
                loaded = fresh;
                mine.complete(fresh);
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                synchronized (this) {
                    loading = null;
                }
            }
        }
        try {
            return mine.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.skillbroker.webex.WebexUnavailableException("interrupted while waiting for the skill list",
                    false, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
