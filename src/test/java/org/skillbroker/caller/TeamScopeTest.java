package org.skillbroker.caller;

import org.junit.jupiter.api.Test;
import org.skillbroker.webex.SkillProfilesClient.Reference;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TeamScopeTest {

    private static final Set<String> MINE = Set.of("team-a", "team-c");
    private static final Map<String, List<String>> USERS = Map.of(
            "user-in-a", List.of("team-a"),
            "user-in-a-and-b", List.of("team-a", "team-b"),
            "user-in-no-team", List.of());

    private static Optional<String> outside(List<Reference> references) {
        return TeamScope.outside(MINE, references, USERS::get);
    }

    @Test
    void profileUsedOnlyByMyTeamsAndTheirAgentsIsWithin() {
        assertEquals(Optional.empty(), outside(List.of(new Reference("team-a", "TEAM"), new Reference("team-c", "team"),
                new Reference("user-in-a", "USER"))));
    }

    @Test
    void profileUsedByNobodyIsWithin() {
        assertEquals(Optional.empty(), outside(List.of()));
    }

    @Test
    void anotherTeamMakesItOutside() {
        assertTrue(outside(List.of(new Reference("team-a", "TEAM"), new Reference("team-b", "TEAM")))
                .orElseThrow().contains("team"));
    }

    @Test
    void anAgentAlsoInAnotherTeamMakesItOutside() {
        assertTrue(outside(List.of(new Reference("user-in-a-and-b", "USER"))).isPresent());
    }

    @Test
    void anAgentInNoTeamMakesItOutside() {
        assertTrue(outside(List.of(new Reference("user-in-no-team", "USER"))).isPresent());
    }

    @Test
    void anUnknownKindOfReferenceMakesItOutside() {
        assertTrue(outside(List.of(new Reference("x", "QUEUE"))).isPresent());
    }
}
