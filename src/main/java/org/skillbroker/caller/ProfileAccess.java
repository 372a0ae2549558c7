package org.skillbroker.caller;

import org.skillbroker.config.Settings;
import org.skillbroker.problem.ApiException;
import org.skillbroker.token.AdminCalls;
import org.skillbroker.webex.ProfileUsage;
import org.skillbroker.webex.TeamsClient;
import org.skillbroker.webex.WebexUnauthorizedException;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * May this caller touch this profile, this skill: the optional allow-lists and team scoping (webex-contract.md
 * §2–3). Which teams a limited supervisor manages comes from Contact Center itself ({@code supervisorView} with
 * their own token) where it answers, else from their user profile: {@code teams}, none for {@code NONE}. Who uses
 * a profile comes from {@code /v2/team} and {@code /v2/user} filtered on {@code skillProfileId}, many profiles per
 * call. Every answer is cached for the identity cache's lifetime, so a page of 50 profiles costs a handful of
 * calls the first time and none after.
 */
public final class ProfileAccess {

    private static final int CACHE_ENTRIES = 2_000;

    private final Settings.Api api;
    private final TeamsClient teams;
    private final AdminCalls admin;
    private final Supplier<String> adminOrg;
    private final ExpiringCache<String, ProfileUsage> usage;
    private final ExpiringCache<String, Set<String>> myTeams;
    private final ExpiringCache<String, Optional<Set<String>>> myUsers;
    private final java.util.function.Function<BearerToken, ApiException> revoked;

    /** @param revoked what a caller's token that Webex answered 401 to becomes (forgotten, and refused from now) */
    public ProfileAccess(Settings.Api api, TeamsClient teams, AdminCalls admin, Supplier<String> adminOrg,
                         java.util.function.Function<BearerToken, ApiException> revoked, Clock clock) {
        this.revoked = Objects.requireNonNull(revoked, "revoked");
        this.api = Objects.requireNonNull(api, "api");
        this.teams = Objects.requireNonNull(teams, "teams");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.adminOrg = Objects.requireNonNull(adminOrg, "adminOrg");
        this.usage = new ExpiringCache<>(clock, api.identityCacheTtl(), CACHE_ENTRIES);
        this.myTeams = new ExpiringCache<>(clock, api.identityCacheTtl(), CACHE_ENTRIES);
        this.myUsers = new ExpiringCache<>(clock, api.identityCacheTtl(), CACHE_ENTRIES);
    }

    /** @throws ApiException 403 naming why the caller may not read or change the profile */
    public void check(Caller caller, String profileId) {
        if (!allowListed(profileId)) {
            throw ApiException.of("profile-not-allowed", "Skill profile not editable here", 403,
                    "This broker is configured not to change this skill profile. Ask the broker's operator.");
        }
        outsideTeams(caller, profileId).ifPresent(why -> {
            throw ApiException.of("outside-your-teams", "Outside your teams", 403, "This skill profile is " + why
                    + ", which is outside the teams your Contact Center user profile lets you manage.");
        });
    }

    /** For the list: which of these profiles the caller may change, looked up together (few calls). */
    public Set<String> mayChange(Caller caller, Collection<String> profileIds) {
        List<String> allowed = profileIds.stream().filter(this::allowListed).toList();
        if (scoped(caller)) {
            prefetch(allowed);
        }
        return allowed.stream().filter(id -> outsideTeams(caller, id).isEmpty()).collect(java.util.stream.Collectors.toSet());
    }

    public boolean skillAllowed(String skillId) {
        return api.allowedSkillIds().isEmpty()
                || api.allowedSkillIds().contains(skillId.toLowerCase(Locale.ROOT));
    }

    private boolean allowListed(String profileId) {
        return api.allowedSkillProfileIds().isEmpty()
                || api.allowedSkillProfileIds().contains(profileId.toLowerCase(Locale.ROOT));
    }

    private boolean scoped(Caller caller) {
        return api.teamScoping() && caller.limitedToTeams();
    }

    /** Empty when within the caller's teams (or scoping does not apply), else a short description of why not. */
    Optional<String> outsideTeams(Caller caller, String profileId) {
        if (!scoped(caller)) {
            return Optional.empty();
        }
        String id = profileId.toLowerCase(Locale.ROOT);
        ProfileUsage used = usage.get(id).orElseGet(() -> {
            prefetch(List.of(id));
            return usage.get(id).orElse(ProfileUsage.NOBODY);
        });
        return TeamScope.outside(teamsOf(caller), used, () -> usersOf(caller));
    }

    /** Looks up, in as few calls as the client allows, who uses each profile not cached yet. */
    private void prefetch(Collection<String> profileIds) {
        List<String> missing = profileIds.stream().map(id -> id.toLowerCase(Locale.ROOT))
                .filter(id -> usage.get(id).isEmpty()).distinct().toList();
        if (missing.isEmpty()) {
            return;
        }
        String org = adminOrg.get();
        Map<String, ProfileUsage> found = admin.read(token -> teams.usage(token, org, missing));
        found.forEach(usage::put);
    }

    /**
     * The teams a limited supervisor manages (Contact Center's answer, else their user profile's; none for
     * {@code NONE}), for the Agents view's fallback rule. Cached like everything here.
     */
    public Set<String> managedTeams(Caller caller) {
        return teamsOf(caller);
    }

    /** Whether team scoping applies to this caller at all (it is on, and their profile does not reach ALL teams). */
    public boolean limits(Caller caller) {
        return scoped(caller);
    }

    /** The teams a limited supervisor manages: Contact Center's answer, else their user profile's. */
    private Set<String> teamsOf(Caller caller) {
        String person = caller.identity().personUuid();
        return myTeams.get(person).orElseGet(() -> {
            Set<String> found;
            if ("NONE".equals(caller.user().accessAllTeams())) {
                found = Set.of();
            } else {
                found = callersOwn(caller, () -> teams.supervisorTeams(caller.token().reveal(), adminOrg.get()))
                        .orElseGet(() -> Set.copyOf(caller.user().teamsByProfile()));
            }
            myTeams.put(person, found);
            return found;
        });
    }

    /** The users Contact Center says the caller manages, or empty when it refuses to say. */
    private Optional<Set<String>> usersOf(Caller caller) {
        String person = caller.identity().personUuid();
        return myUsers.get(person).orElseGet(() -> {
            Optional<Set<String>> found = "NONE".equals(caller.user().accessAllTeams()) ? Optional.of(Set.of())
                    : callersOwn(caller, () -> teams.managedUsers(caller.token().reveal(), adminOrg.get()));
            myUsers.put(person, found);
            return found;
        });
    }

    /**
     * Who a change of the profile reaches: the teams using it (named; marked when outside the caller's own teams)
     * and the agents, counted from the teams' members and the users who have it as their own. Costs the two
     * usage queries when not cached (shared with team scoping), nothing when cached.
     *
     * @param agents all agents reached, or empty when a team's members are unknown. Team members whose own user
     *               record names another profile are counted too (Contact Center's team answer does not say), so
     *               the figure is an upper bound: the warning errs on the side of more, never fewer.
     */
    public record Impact(List<TeamImpact> teams, int agentsDirect, java.util.OptionalInt agents,
                         boolean outsideYourTeams) {
    }

    /** @param agents the team's members, or -1 when unknown */
    public record TeamImpact(String id, String name, int agents, boolean outsideYourTeams) {
    }

    public Impact impact(Caller caller, String profileId) {
        String id = profileId.toLowerCase(Locale.ROOT);
        ProfileUsage used = usage.get(id).orElseGet(() -> {
            prefetch(List.of(id));
            return usage.get(id).orElse(ProfileUsage.NOBODY);
        });
        // the caller's own teams: what scoping uses for a limited supervisor; for one with access to ALL teams,
        // the teams their user profile names and those they belong to (no call)
        Set<String> own = scoped(caller) || !api.teamScoping() && caller.limitedToTeams() ? teamsOf(caller)
                : new java.util.HashSet<>(lower(caller.user().teamsByProfile(), caller.user().memberOfTeamIds()));
        java.util.Set<String> agents = new java.util.HashSet<>();
        boolean known = true;
        List<TeamImpact> teamsUsing = new java.util.ArrayList<>();
        for (ProfileUsage.UsingTeam team : used.teams()) {
            boolean outside = !own.contains(team.id());
            teamsUsing.add(new TeamImpact(team.id(), team.name(), team.userIds().map(List::size).orElse(-1), outside));
            if (team.userIds().isPresent()) {
                agents.addAll(team.userIds().get());
            } else {
                known = false;
            }
        }
        used.users().forEach(u -> agents.add(u.id()));
        return new Impact(teamsUsing, used.users().size(),
                known ? java.util.OptionalInt.of(agents.size()) : java.util.OptionalInt.empty(),
                teamsUsing.stream().anyMatch(TeamImpact::outsideYourTeams));
    }

    private static List<String> lower(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>();
        a.forEach(s -> all.add(s.toLowerCase(Locale.ROOT)));
        b.forEach(s -> all.add(s.toLowerCase(Locale.ROOT)));
        return all;
    }

    /**
     * A query made with the caller's own token. A 401 means Webex no longer accepts that token (revoked or expired
     * since its identity was cached): the caller is refused at once, never taken as "Contact Center would not say".
     */
    private <T> T callersOwn(Caller caller, Supplier<T> query) {
        try {
            return query.get();
        } catch (WebexUnauthorizedException e) {
            throw revoked.apply(caller.token());
        }
    }

    /** Its caches by name, for the operator's hit ratios. */
    public Map<String, ExpiringCache<?, ?>> caches() {
        return Map.of("profile-usage", usage, "supervisor-teams", myTeams, "supervisor-users", myUsers);
    }
}
