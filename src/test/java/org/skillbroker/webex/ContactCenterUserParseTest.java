package org.skillbroker.webex;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fail closed: a missing, unknown or restricting value from Contact Center never widens what a user may do. */
class ContactCenterUserParseTest {

    private static JsonObjectBuilder profile(String accessAllTeams) {
        JsonObjectBuilder p = Json.createObjectBuilder().add("profileType", "SUPERVISOR").add("active", true)
                .add("teams", Json.createArrayBuilder().add("Team-A"));
        if (accessAllTeams != null) {
            p.add("accessAllTeams", accessAllTeams);
        }
        return p;
    }

    private static JsonObjectBuilder user(JsonObjectBuilder profile) {
        return Json.createObjectBuilder().add("id", "cc-1").add("ciUserId", "ci-1").add("active", true)
                .add("contactCenterEnabled", true).add("userProfileData", profile);
    }

    private static ContactCenterUser parse(JsonObject json) {
        return ContactCenterUsers.parse(json, "ci-1");
    }

    @Test
    void onlyAllGivesEveryTeam() {
        ContactCenterUser all = parse(user(profile("ALL")).build());
        assertTrue(all.accessToAllTeams());
        assertEquals(List.of(), all.teamsByProfile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SPECIFIC", "PROVISIONED_VALUE", "EVERYTHING", "", "all "})
    void everyOtherValueRestrictsToTheListedTeams(String value) {
        ContactCenterUser user = parse(user(profile(value)).build());
        assertFalse(user.accessToAllTeams(), value);
        assertEquals(List.of("team-a"), user.teamsByProfile(), value);
    }

    @Test
    void aMissingValueRestricts() {
        ContactCenterUser user = parse(user(profile(null)).build());
        assertFalse(user.accessToAllTeams());
        assertEquals(List.of("team-a"), user.teamsByProfile());
    }

    @Test
    void noneMeansNoTeamEvenWithTeamsListed() {
        ContactCenterUser user = parse(user(profile("NONE")).build());
        assertFalse(user.accessToAllTeams());
        assertEquals(List.of(), user.teamsByProfile());
    }

    @Test
    void aMissingOrFalseActiveIsNotActive() {
        assertTrue(parse(user(profile("ALL")).build()).active());
        assertFalse(parse(Json.createObjectBuilder(user(profile("ALL")).build()).remove("active").build()).active());
        assertFalse(parse(user(profile("ALL")).add("active", false).build()).active());
        assertFalse(parse(user(profile("ALL").add("active", false)).build()).active(), "inactive user profile");
        assertFalse(parse(user(profile("ALL")).add("contactCenterEnabled", false).build()).contactCenterEnabled());
        assertFalse(parse(Json.createObjectBuilder(user(profile("ALL")).build()).remove("contactCenterEnabled")
                .build()).contactCenterEnabled());
    }
}
