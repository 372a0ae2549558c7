package org.skillbroker.caller;

import org.skillbroker.config.Settings;
import org.skillbroker.problem.ApiException;
import org.skillbroker.token.AdminCalls;
import org.skillbroker.webex.ContactCenterUsers;
import org.skillbroker.webex.SkillProfilesClient;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * May this caller touch this profile, this skill: the optional allow-lists and team scoping. A skill profile is
 * shared by every team and user that references it (webex-api.md §3.3), so a supervisor limited to specific teams
 * may change it only when every referencing team is one of theirs and every referencing user belongs only to
 * their teams. References and users' teams are cached like identities.
 */
public final class ProfileAccess {

    private static final int CACHE_ENTRIES = 2_000;

    private final Settings.Api api;
    private final SkillProfilesClient profiles;
    private final ContactCenterUsers users;
    private final AdminCalls admin;
    private final Supplier<String> adminOrg;
    private final ExpiringCache<String, List<SkillProfilesClient.Reference>> references;
    private final ExpiringCache<String, List<String>> userTeams;

    public ProfileAccess(Settings.Api api, SkillProfilesClient profiles, ContactCenterUsers users, AdminCalls admin,
                         Supplier<String> adminOrg, Clock clock) {
        this.api = Objects.requireNonNull(api, "api");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.users = Objects.requireNonNull(users, "users");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.adminOrg = Objects.requireNonNull(adminOrg, "adminOrg");
        this.references = new ExpiringCache<>(clock, api.identityCacheTtl(), CACHE_ENTRIES);
        this.userTeams = new ExpiringCache<>(clock, api.identityCacheTtl(), CACHE_ENTRIES);
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

    /** For the list: the same decision as {@link #check}, as a yes or no. */
    public boolean mayChange(Caller caller, String profileId) {
        return allowListed(profileId) && outsideTeams(caller, profileId).isEmpty();
    }

    public boolean skillAllowed(String skillId) {
        return api.allowedSkillIds().isEmpty()
                || api.allowedSkillIds().contains(skillId.toLowerCase(java.util.Locale.ROOT));
    }

    private boolean allowListed(String profileId) {
        return api.allowedSkillProfileIds().isEmpty()
                || api.allowedSkillProfileIds().contains(profileId.toLowerCase(java.util.Locale.ROOT));
    }

    /** Empty when within the caller's teams (or scoping does not apply), else a short description of why not. */
    Optional<String> outsideTeams(Caller caller, String profileId) {
        if (!api.teamScoping() || !caller.limitedToTeams()) {
            return Optional.empty();
        }
        String org = adminOrg.get();
        return TeamScope.outside(Set.copyOf(caller.user().profileTeamIds()), referencesOf(org, profileId),
                ccUserId -> teamsOf(org, ccUserId));
    }

    private List<SkillProfilesClient.Reference> referencesOf(String org, String profileId) {
        return references.get(profileId).orElseGet(() -> {
            List<SkillProfilesClient.Reference> found =
                    admin.read(token -> profiles.incomingReferences(token, org, profileId));
            references.put(profileId, found);
            return found;
        });
    }

    private List<String> teamsOf(String org, String ccUserId) {
        return userTeams.get(ccUserId).orElseGet(() -> {
            List<String> found = admin.read(token -> users.teamIdsOf(token, org, ccUserId));
            userTeams.put(ccUserId, found);
            return found;
        });
    }

    /** Its caches by name, for the operator's hit ratios. */
    public java.util.Map<String, ExpiringCache<?, ?>> caches() {
        return java.util.Map.of("references", references, "user-teams", userTeams);
    }
}
