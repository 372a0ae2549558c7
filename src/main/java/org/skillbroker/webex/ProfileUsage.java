package org.skillbroker.webex;

import java.util.List;
import java.util.Optional;

/**
 * Who uses a skill profile, from documented queries (webex-contract.md §2): the teams whose {@code skillProfileId}
 * it is, and the users who have it as their own (a user's own profile overrides their team's).
 *
 * @param teamIds the teams' ids (lower case)
 * @param teams   the same teams with their names and members, as far as Contact Center answered them
 */
public record ProfileUsage(List<String> teamIds, List<AssignedUser> users, List<UsingTeam> teams) {

    public static final ProfileUsage NOBODY = new ProfileUsage(List.of(), List.of());

    public ProfileUsage {
        teamIds = List.copyOf(teamIds);
        users = List.copyOf(users);
        teams = List.copyOf(teams);
    }

    /** Teams known by id only (no names, members unknown). */
    public ProfileUsage(List<String> teamIds, List<AssignedUser> users) {
        this(teamIds, users, teamIds.stream().map(id -> new UsingTeam(id, "", Optional.empty())).toList());
    }

    /** A Contact Center user with the profile as their own, and the teams they belong to. */
    public record AssignedUser(String id, List<String> teamIds) {
        public AssignedUser {
            teamIds = List.copyOf(teamIds);
        }
    }

    /**
     * A team using the profile.
     *
     * @param name    its name; empty when Contact Center left it out
     * @param userIds its members ({@code TeamDTO.userIds}); empty when Contact Center left the field out (unknown,
     *                which is not "nobody")
     */
    public record UsingTeam(String id, String name, Optional<List<String>> userIds) {
        public UsingTeam {
            name = name == null ? "" : name;
            userIds = userIds.map(List::copyOf);
        }
    }
}
