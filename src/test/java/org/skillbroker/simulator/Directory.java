package org.skillbroker.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who exists: orgs, Webex people, their CC users and teams, and which skill profile each team or user uses
 * (the data behind CC's incoming-references).
 */
final class Directory {

    /** A CC team of type AGENT: at most one skill profile (null: none), as Cisco's TeamResponseDTO. */
    record Team(String id, String orgUuid, String name, String skillProfileId) {
    }

    /** An entity referencing a skill profile, as listed by incoming-references. */
    record Reference(String id, String name, String type) {
    }

    private final Map<String, SimUser> usersByKey = new LinkedHashMap<>();
    private final Map<String, Team> teams = new LinkedHashMap<>();
    private final Map<String, String> orgNames = new LinkedHashMap<>();
    /** ccUserId → skill profile assigned to the user directly (overrides the team's). */
    private final Map<String, String> userSkillProfiles = new ConcurrentHashMap<>();
    /** ccUserId → the user's own (dynamic) skills, AssignedDynamicSkillsDTO by skill id, in the order given. */
    private final Map<String, Map<String, jakarta.json.JsonObject>> dynamicSkills = new ConcurrentHashMap<>();

    synchronized void addOrg(String orgUuid, String name) {
        orgNames.put(orgUuid, name);
    }

    synchronized String orgName(String orgUuid) {
        return orgNames.getOrDefault(orgUuid, orgUuid);
    }

    /** Adds a user, or replaces the one with the same key. */
    synchronized void addUser(SimUser user) {
        usersByKey.put(user.key(), user);
    }

    synchronized void removeUser(String key) {
        SimUser user = usersByKey.remove(key);
        if (user != null && user.ccUserId() != null) {
            userSkillProfiles.remove(user.ccUserId());
            dynamicSkills.remove(user.ccUserId());
        }
    }

    /** CC user ids of the org's users that belong to the team. */
    synchronized List<String> members(String teamId) {
        return usersByKey.values().stream().filter(u -> u.ccUserId() != null && u.memberOfTeamIds().contains(teamId))
                .map(SimUser::ccUserId).toList();
    }

    synchronized void addTeam(Team team) {
        teams.put(team.id(), team);
    }

    /** @param profileId null: the user uses their team's profile again */
    void assignSkillProfile(SimUser user, String profileId) {
        if (profileId == null) {
            userSkillProfiles.remove(user.ccUserId());
            return;
        }
        userSkillProfiles.put(user.ccUserId(), profileId);
    }

    /** The user's dynamic skills (AssignedDynamicSkillsDTO), in the order they were given. */
    synchronized List<jakarta.json.JsonObject> dynamicSkills(SimUser user) {
        Map<String, jakarta.json.JsonObject> skills = user.ccUserId() == null ? null : dynamicSkills.get(user.ccUserId());
        return skills == null ? List.of() : List.copyOf(skills.values());
    }

    /** Gives the user a dynamic skill, or replaces the one of the same skill. */
    synchronized void putDynamicSkill(SimUser user, String skillId, jakarta.json.JsonObject assigned) {
        dynamicSkills.computeIfAbsent(user.ccUserId(), k -> new LinkedHashMap<>()).put(skillId, assigned);
    }

    synchronized void removeDynamicSkill(SimUser user, String skillId) {
        Map<String, jakarta.json.JsonObject> skills = dynamicSkills.get(user.ccUserId());
        if (skills != null) {
            skills.remove(skillId);
        }
    }

    String userSkillProfile(SimUser user) {
        return user.ccUserId() == null ? null : userSkillProfiles.get(user.ccUserId());
    }

    synchronized Optional<SimUser> user(String key) {
        return Optional.ofNullable(usersByKey.get(key));
    }

    synchronized Optional<SimUser> byPersonUuid(String uuid) {
        return usersByKey.values().stream().filter(u -> u.personUuid().equals(uuid)).findFirst();
    }

    synchronized Optional<SimUser> byCcUserId(String ccUserId) {
        return usersByKey.values().stream().filter(u -> ccUserId.equals(u.ccUserId())).findFirst();
    }

    synchronized List<SimUser> users() {
        return List.copyOf(usersByKey.values());
    }

    synchronized Optional<Team> team(String id) {
        return Optional.ofNullable(teams.get(id));
    }

    synchronized List<Team> teams(String orgUuid) {
        return teams.values().stream().filter(t -> t.orgUuid().equals(orgUuid)).toList();
    }

    /**
     * The teams a user's profile lets them see and manage, as Contact Center would answer for them: every team of
     * the org for ALL, none for NONE, the profile's teams otherwise.
     */
    synchronized List<String> manageableTeams(SimUser user) {
        if (user.accessAllTeams() == null || "NONE".equals(user.accessAllTeams())) {
            return List.of();
        }
        if ("ALL".equals(user.accessAllTeams())) {
            return teams(user.orgUuid()).stream().map(Team::id).toList();
        }
        return user.teamIds();
    }

    /** Teams first, then users, each in seed order. */
    synchronized List<Reference> references(String orgUuid, String profileId) {
        List<Reference> refs = new ArrayList<>();
        for (Team team : teams(orgUuid)) {
            if (profileId.equals(team.skillProfileId())) {
                refs.add(new Reference(team.id(), team.name(), "TEAM"));
            }
        }
        for (SimUser user : usersByKey.values()) {
            if (user.orgUuid().equals(orgUuid) && profileId.equals(userSkillProfile(user))) {
                refs.add(new Reference(user.ccUserId(), user.displayName(), "USER"));
            }
        }
        return refs;
    }
}
