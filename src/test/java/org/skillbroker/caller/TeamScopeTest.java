package org.skillbroker.caller;

import org.junit.jupiter.api.Test;
import org.skillbroker.webex.ProfileUsage;
import org.skillbroker.webex.ProfileUsage.AssignedUser;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TeamScopeTest {

    private static final Set<String> MINE = Set.of("team-a", "team-c");

    private static Optional<String> outside(ProfileUsage usage) {
        return TeamScope.outside(MINE, usage, Optional::empty); // Contact Center refused to say whom I manage
    }

    private static ProfileUsage teams(String... ids) {
        return new ProfileUsage(List.of(ids), List.of());
    }

    private static ProfileUsage user(String id, String... teams) {
        return new ProfileUsage(List.of(), List.of(new AssignedUser(id, List.of(teams))));
    }

    @Test
    void profileUsedOnlyByMyTeamsAndTheirAgentsIsWithin() {
        assertEquals(Optional.empty(), outside(new ProfileUsage(List.of("team-a", "team-c"),
                List.of(new AssignedUser("u1", List.of("team-a"))))));
    }

    @Test
    void profileUsedByNobodyIsWithin() {
        assertEquals(Optional.empty(), outside(ProfileUsage.NOBODY));
    }

    @Test
    void anotherTeamMakesItOutside() {
        assertTrue(outside(teams("team-a", "team-b")).orElseThrow().contains("team"));
    }

    @Test
    void anAgentAlsoInAnotherTeamMakesItOutside() {
        assertTrue(outside(user("u2", "team-a", "team-b")).isPresent());
    }

    @Test
    void anAgentInNoTeamMakesItOutside() {
        assertTrue(outside(user("u3")).isPresent());
    }

    @Test
    void contactCenterSaysWhichAgentsIManage() {
        assertEquals(Optional.empty(), TeamScope.outside(MINE, user("u2", "team-a", "team-b"),
                () -> Optional.of(Set.of("u2"))));
        assertTrue(TeamScope.outside(MINE, user("u1", "team-a"), () -> Optional.of(Set.of("u2"))).isPresent(),
                "Contact Center's answer wins over the team rule");
    }

    @Test
    void noTeamsMeansOnlyUnusedProfiles() {
        assertTrue(TeamScope.outside(Set.of(), teams("team-a"), Optional::empty).isPresent());
        assertEquals(Optional.empty(), TeamScope.outside(Set.of(), ProfileUsage.NOBODY, Optional::empty));
    }
}
