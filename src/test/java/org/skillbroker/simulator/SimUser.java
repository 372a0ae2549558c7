package org.skillbroker.simulator;

import java.util.List;

/**
 * A simulated Webex person, and (when {@code ccUserId} is not null) their Contact Center user.
 *
 * @param key            short stable handle used by the sign-in page ({@code user-<key>}) and the control API
 * @param profileType    CC user-profile type, e.g. ADMINISTRATOR, SUPERVISOR, STANDARD_AGENT; null if not in CC
 * @param accessAllTeams "ALL" or "SPECIFIC" from the CC user profile; null if not in CC
 * @param teamIds        teams the user profile grants access to (meaningful when accessAllTeams is SPECIFIC)
 * @param memberOfTeamIds teams the CC user belongs to ({@code teamIds} of the CC user resource)
 * @param active         the CC user's {@code active}
 * @param contactCenterEnabled the CC user's {@code contactCenterEnabled}
 */
public record SimUser(String key, String personUuid, String orgUuid, String email, String displayName,
                      String ccUserId, String profileType, String accessAllTeams, List<String> teamIds,
                      List<String> memberOfTeamIds, boolean active, boolean contactCenterEnabled) {

    public SimUser {
        teamIds = distinct(teamIds, "teamIds");
        memberOfTeamIds = distinct(memberOfTeamIds, "memberOfTeamIds");
    }

    /**
     * Cisco's schemas say uniqueItems for both (UserProfileDTO.teams, UserResponseDTO.teamIds): a repeated team is a
     * set-up mistake, refused here so that no answer can carry it.
     */
    private static List<String> distinct(List<String> ids, String what) {
        if (new java.util.HashSet<>(ids).size() < ids.size()) {
            throw new IllegalArgumentException(what + " repeats a team: " + ids);
        }
        return List.copyOf(ids);
    }

    /** An active, Contact-Center-enabled user. */
    public SimUser(String key, String personUuid, String orgUuid, String email, String displayName,
                   String ccUserId, String profileType, String accessAllTeams, List<String> teamIds,
                   List<String> memberOfTeamIds) {
        this(key, personUuid, orgUuid, email, displayName, ccUserId, profileType, accessAllTeams, teamIds,
                memberOfTeamIds, true, true);
    }

    /** The People API id: base64 of {@code ciscospark://us/PEOPLE/<uuid>}, without padding. */
    public String personId() {
        return Ids.restId("PEOPLE", personUuid);
    }

    /** The People API org id: base64 of {@code ciscospark://us/ORGANIZATION/<uuid>}, without padding. */
    public String orgIdEncoded() {
        return Ids.restId("ORGANIZATION", orgUuid);
    }

    public boolean inContactCenter() {
        return ccUserId != null;
    }

    public String firstName() {
        int space = displayName.indexOf(' ');
        return space < 0 ? displayName : displayName.substring(0, space);
    }

    public String lastName() {
        int space = displayName.indexOf(' ');
        return space < 0 ? "" : displayName.substring(space + 1);
    }
}
