package org.skillbroker.webex;

import java.util.List;
import java.util.Objects;

/**
 * A Contact Center user with the parts of its user profile that decide what it may do (webex-api.md §4.2 step 5).
 *
 * @param profileType e.g. {@code ADMINISTRATOR}, {@code SUPERVISOR}, {@code STANDARD_AGENT}
 * @param accessAllTeams {@code ALL} or {@code SPECIFIC}
 * @param profileTeamIds the teams the profile grants access to when {@code SPECIFIC}
 * @param memberOfTeamIds the teams the user belongs to
 */
public record ContactCenterUser(String id, String ciUserId, String email, boolean active, String profileType,
                                String accessAllTeams, List<String> profileTeamIds, List<String> memberOfTeamIds) {
    public ContactCenterUser {
        Objects.requireNonNull(id, "id");
        profileType = profileType == null ? "" : profileType;
        accessAllTeams = accessAllTeams == null ? "" : accessAllTeams;
        profileTeamIds = List.copyOf(profileTeamIds);
        memberOfTeamIds = List.copyOf(memberOfTeamIds);
    }
}
