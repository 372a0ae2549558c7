package org.skillbroker.agents.control;

import jakarta.json.JsonObject;
import org.skillbroker.token.AdminCalls;
import org.skillbroker.webex.AgentsClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The names behind an agent's ids: the org's teams (name and skill profile) and skill profiles (name), each list
 * loaded with one call per 1000 and kept for the skill cache's lifetime, like the skill names. A profile created
 * since is not assignable until the next load: fail closed, never a guess.
 */
public final class OrgCatalog {

    /** A team: its name and the skill profile it gives its agents ("" when none). */
    public record Team(String id, String name, String skillProfileId) {
    }

    private record Loaded<T>(Map<String, T> items, Instant at) {
    }

    private final AgentsClient client;
    private final AdminCalls admin;
    private final Supplier<String> adminOrg;
    private final Duration ttl;
    private final Clock clock;
    private volatile Loaded<Team> teams;
    private volatile Loaded<String> profiles;

    public OrgCatalog(AgentsClient client, AdminCalls admin, Supplier<String> adminOrg, Duration ttl, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.adminOrg = Objects.requireNonNull(adminOrg, "adminOrg");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Map<String, Team> teams() {
        Loaded<Team> current = teams;
        if (fresh(current)) {
            return current.items();
        }
        String org = adminOrg.get();
        Map<String, Team> found = new HashMap<>();
        for (JsonObject t : admin.read(token -> client.teams(token, org))) {
            String id = lower(t.getString("id", ""));
            if (!id.isEmpty()) {
                found.put(id, new Team(id, t.getString("name", ""), lower(t.getString("skillProfileId", ""))));
            }
        }
        teams = new Loaded<>(Map.copyOf(found), clock.instant());
        return teams.items();
    }

    /** Skill profile id → name, for every profile of the org. */
    public Map<String, String> profiles() {
        Loaded<String> current = profiles;
        if (fresh(current)) {
            return current.items();
        }
        String org = adminOrg.get();
        Map<String, String> found = new HashMap<>();
        for (JsonObject p : admin.read(token -> client.skillProfiles(token, org))) {
            String id = lower(p.getString("id", ""));
            if (!id.isEmpty()) {
                found.put(id, p.getString("name", ""));
            }
        }
        profiles = new Loaded<>(Map.copyOf(found), clock.instant());
        return profiles.items();
    }

    public Optional<String> profileName(String id) {
        return Optional.ofNullable(profiles().get(lower(id)));
    }

    private boolean fresh(Loaded<?> loaded) {
        return loaded != null && clock.instant().isBefore(loaded.at().plus(ttl));
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
