package org.skillbroker.simulator;

import java.util.List;

/**
 * Ids of the seeded CC data of org A (plus one profile of org B).
 *
 * @param germanSpeaker  German 5, Spanish 3, VIP true, Language=English; the skill profile of team A
 * @param billingExperts Billing 7, French 2; the skill profile of team B
 * @param spanishDesk    Spanish 8; referenced by one user of team B ({@code agent-b})
 * @param numbered       "Profile 01".."Profile 25", unreferenced, for paging
 * @param otherOrgProfile a profile of org B
 */
public record SeededProfiles(String germanSpeaker, String billingExperts, String spanishDesk, List<String> numbered,
                             String otherOrgProfile, String teamA, String teamB) {
    public SeededProfiles {
        numbered = List.copyOf(numbered);
    }
}
