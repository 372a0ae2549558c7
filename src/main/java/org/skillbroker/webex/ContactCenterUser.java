package org.skillbroker.webex;

import java.util.List;
import java.util.Objects;

/**
 * A Contact Center user with the parts of its user profile that decide what it may do (webex-contract.md §3).
 *
 * @param active        the user's {@code active}; false when Webex left it out (a missing value never admits)
 * @param contactCenterEnabled the user's {@code contactCenterEnabled}; false when left out
 * @param profileType   e.g. {@code ADMINISTRATOR}, {@code SUPERVISOR}, {@code STANDARD_AGENT}; "" when none
 * @param accessAllTeams {@code SPECIFIC}, {@code ALL}, {@code PROVISIONED_VALUE} or {@code NONE}; "" when missing
 * @param profileTeamIds the teams the user profile lists ({@code teams})
 * @param memberOfTeamIds the teams the user belongs to
 */
public record ContactCenterUser(String id, String ciUserId, String email, boolean active,
                                boolean contactCenterEnabled, String profileType, String accessAllTeams,
                                List<String> profileTeamIds, List<String> memberOfTeamIds) {
    public ContactCenterUser {
        Objects.requireNonNull(id, "id");
        profileType = profileType == null ? "" : profileType;
        accessAllTeams = accessAllTeams == null ? "" : accessAllTeams;
        profileTeamIds = List.copyOf(profileTeamIds);
        memberOfTeamIds = List.copyOf(memberOfTeamIds);
    }

    /** Only {@code ALL} means every team; every other value, missing or unknown, restricts. */
    public boolean accessToAllTeams() {
        return "ALL".equals(accessAllTeams);
    }

    /** The teams the user profile itself grants when Contact Center does not answer for the supervisor. */
    public List<String> teamsByProfile() {
        return accessToAllTeams() || "NONE".equals(accessAllTeams) ? List.of() : profileTeamIds;
    }
}
