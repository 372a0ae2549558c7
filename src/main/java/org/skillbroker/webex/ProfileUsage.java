package org.skillbroker.webex;

import java.util.List;

/**
 * Who uses a skill profile, from documented queries (webex-contract.md §2): the teams whose {@code skillProfileId}
 * it is, and the users who have it as their own (a user's own profile overrides their team's).
 */
public record ProfileUsage(List<String> teamIds, List<AssignedUser> users) {

    public static final ProfileUsage NOBODY = new ProfileUsage(List.of(), List.of());

    public ProfileUsage {
        teamIds = List.copyOf(teamIds);
        users = List.copyOf(users);
    }

    /** A Contact Center user with the profile as their own, and the teams they belong to. */
    public record AssignedUser(String id, List<String> teamIds) {
        public AssignedUser {
            teamIds = List.copyOf(teamIds);
        }
    }
}
