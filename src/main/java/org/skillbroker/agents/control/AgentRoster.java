package org.skillbroker.agents.control;

import jakarta.json.JsonObject;
import org.skillbroker.agents.entity.Agent;
import org.skillbroker.caller.Caller;
import org.skillbroker.caller.ExpiringCache;
import org.skillbroker.caller.ProfileAccess;
import org.skillbroker.config.Settings;
import org.skillbroker.token.AdminCalls;
import org.skillbroker.webex.AgentsClient;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The agents a caller may manage (webex-contract.md §3), decided in this order:
 * <ol>
 * <li>team scoping switched off by the operator: every user of the org;</li>
 * <li>Contact Center's own answer, {@code GET /v2/user?supervisorManagedAgentsOnly=true} with the caller's own
 *     token (it costs the integration's budget nothing);</li>
 * <li>where Contact Center refuses that token (403): a user profile with access to ALL teams manages every user;
 *     any other ({@code SPECIFIC}, {@code NONE}, missing, unknown) manages only users who belong to at least one team
 *     and all of whose teams are the caller's, the same rule as for skill profiles. A user in no team is nobody's.</li>
 * </ol>
 * A roster is kept per caller for the identity cache's lifetime, and the org's user list (the fallback's source)
 * as long, so searching, filtering and paging cost no call.
 */
public final class AgentRoster {

    private static final int CACHE_ENTRIES = 2_000;
    private static final String ORG = "org";

    /** Who decided: {@code contact-center}, {@code teams} (the fallback rule) or {@code all}. */
    public record Roster(Map<String, Agent> agents, String decidedBy) {
        public Roster {
            agents = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(agents));
        }

        public Optional<Agent> agent(String id) {
            return Optional.ofNullable(agents.get(id));
        }

        Roster with(Agent agent) {
            Map<String, Agent> copy = new LinkedHashMap<>(agents);
            copy.replace(agent.id(), agent);
            return new Roster(copy, decidedBy);
        }
    }

    private final Settings.Api api;
    private final AgentsClient client;
    private final ProfileAccess access;
    private final AdminCalls admin;
    private final Supplier<String> adminOrg;
    private final ExpiringCache<String, Roster> rosters;
    private final ExpiringCache<String, List<Agent>> orgUsers;

    public AgentRoster(Settings.Api api, AgentsClient client, ProfileAccess access, AdminCalls admin,
                       Supplier<String> adminOrg, Clock clock) {
        this.api = Objects.requireNonNull(api, "api");
        this.client = Objects.requireNonNull(client, "client");
        this.access = Objects.requireNonNull(access, "access");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.adminOrg = Objects.requireNonNull(adminOrg, "adminOrg");
        this.rosters = new ExpiringCache<>(clock, api.identityCacheTtl(), CACHE_ENTRIES);
        this.orgUsers = new ExpiringCache<>(clock, api.identityCacheTtl(), 1);
    }

    /** Contact Center answered 401 to the caller's own token: it was revoked or expired since it was cached. */
    public static final class CallerTokenRejected extends RuntimeException {
        CallerTokenRejected() {
            super("Contact Center rejected the caller's token", null, false, false);
        }
    }

    /** @throws CallerTokenRejected when Contact Center refused the caller's own token */
    public Roster of(Caller caller) {
        String person = caller.identity().personUuid();
        Optional<Roster> cached = rosters.get(person);
        if (cached.isPresent()) {
            return cached.get();
        }
        Roster roster = decide(caller);
        rosters.put(person, roster);
        return roster;
    }

    /** After a change: the caller's roster shows the agent as Contact Center now holds them. */
    public void updated(Caller caller, Agent agent) {
        String person = caller.identity().personUuid();
        rosters.get(person).ifPresent(r -> rosters.put(person, r.with(agent)));
        orgUsers.remove(ORG);
    }

    private Roster decide(Caller caller) {
        String org = adminOrg.get();
        if (!api.teamScoping()) {
            return new Roster(index(orgUsers()), "all");
        }
        Optional<List<JsonObject>> managed;
        try {
            managed = client.managedBy(caller.token().reveal(), org);
        } catch (org.skillbroker.webex.WebexUnauthorizedException e) {
            throw new CallerTokenRejected();
        }
        if (managed.isPresent()) {
            return new Roster(index(managed.get().stream().map(Agent::from).toList()), "contact-center");
        }
        if (!access.limits(caller)) {
            return new Roster(index(orgUsers()), "all");
        }
        Set<String> mine = access.managedTeams(caller);
        return new Roster(index(orgUsers().stream().filter(a -> within(mine, a)).toList()), "teams");
    }

    /** The fallback rule: at least one team, and every one of them the caller's. */
    static boolean within(Set<String> myTeams, Agent agent) {
        return !agent.teamIds().isEmpty() && myTeams.containsAll(agent.teamIds());
    }

    private List<Agent> orgUsers() {
        return orgUsers.get(ORG).orElseGet(() -> {
            String org = adminOrg.get();
            List<Agent> all = admin.read(token -> client.all(token, org)).stream().map(Agent::from).toList();
            orgUsers.put(ORG, all);
            return all;
        });
    }

    private static Map<String, Agent> index(List<Agent> agents) {
        Map<String, Agent> byId = new LinkedHashMap<>();
        agents.stream().filter(a -> org.skillbroker.skills.control.Ids.isUuid(a.id()))
                .sorted(java.util.Comparator.comparing((Agent a) -> a.name().toLowerCase(java.util.Locale.ROOT))
                        .thenComparing(Agent::id))
                .forEach(a -> byId.put(a.id(), a));
        return byId;
    }

    public Map<String, ExpiringCache<?, ?>> caches() {
        return Map.of("agent-rosters", rosters, "org-users", orgUsers);
    }
}
