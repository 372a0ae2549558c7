package org.skillbroker.caller;

import org.skillbroker.webex.SkillProfilesClient;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The team-scoping rule on its own: a profile is within a supervisor's teams when every TEAM that references it
 * is one of them and every USER that references it belongs to teams that all are (a user in no team is not
 * within). Any other kind of reference is refused, as nobody can say whose it is. No reference at all is within:
 * changing the profile then affects nobody.
 */
final class TeamScope {

    private TeamScope() {
    }

    /** @return empty when within, else why not, in words a supervisor understands */
    static Optional<String> outside(Set<String> myTeams, List<SkillProfilesClient.Reference> references,
                                    Function<String, List<String>> teamsOfUser) {
        for (SkillProfilesClient.Reference reference : references) {
            switch (reference.type().toUpperCase(Locale.ROOT)) {
                case "TEAM" -> {
                    if (!myTeams.contains(reference.id())) {
                        return Optional.of("used by a team you do not manage");
                    }
                }
                case "USER" -> {
                    List<String> teams = teamsOfUser.apply(reference.id());
                    if (teams.isEmpty() || !myTeams.containsAll(teams)) {
                        return Optional.of("assigned to an agent outside your teams");
                    }
                }
                default -> {
                    return Optional.of("used by something other than your teams and their agents");
                }
            }
        }
        return Optional.empty();
    }
}
