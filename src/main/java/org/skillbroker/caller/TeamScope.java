package org.skillbroker.caller;

import org.skillbroker.webex.ProfileUsage;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The team-scoping rule on its own. A skill profile is shared by every team and user that uses it, so a supervisor
 * limited to some teams may change it only when every team using it is one of theirs and every user who has it as
 * their own is one they manage: by Contact Center's own answer ({@code supervisorManagedAgentsOnly}) where it
 * gave one, else when all of the user's teams are theirs (a user in no team is not). A profile nobody uses is
 * within: changing it affects nobody.
 */
final class TeamScope {

    private TeamScope() {
    }

    /**
     * @param managedUsers Contact Center's list of the users the caller may manage, empty when it refused to say;
     *                     asked only when a user has the profile as their own
     * @return empty when within, else why not, in words a supervisor understands
     */
    static Optional<String> outside(Set<String> myTeams, ProfileUsage usage,
                                    Supplier<Optional<Set<String>>> managedUsers) {
        for (String team : usage.teamIds()) {
            if (!myTeams.contains(team)) {
                return Optional.of("used by a team you do not manage");
            }
        }
        for (ProfileUsage.AssignedUser user : usage.users()) {
            Optional<Set<String>> managed = managedUsers.get();
            boolean mine = managed.isPresent() ? managed.get().contains(user.id())
                    : !user.teamIds().isEmpty() && myTeams.containsAll(user.teamIds());
            if (!mine) {
                return Optional.of("assigned to an agent outside your teams");
            }
        }
        return Optional.empty();
    }
}
