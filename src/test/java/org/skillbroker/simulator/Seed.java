package org.skillbroker.simulator;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The deterministic starting data: two orgs, their people, CC users, teams, skills and skill profiles. */
final class Seed {

    static final String ORG_A = Ids.seedUuid("org:A");
    static final String ORG_B = Ids.seedUuid("org:B");
    static final String TEAM_A = Ids.seedUuid("team:A");
    static final String TEAM_B = Ids.seedUuid("team:B");

    final Map<String, String> skillsOrgA = new LinkedHashMap<>();
    final SeededProfiles profiles;

    Seed(Directory directory, SkillCatalog catalog, SkillProfileStore store, long nowMillis) {
        directory.addOrg(ORG_A, "Org A (Acme Support)");
        directory.addOrg(ORG_B, "Org B (Other Corp)");
        seedUsers(directory);

        // dynamicSkill: German, Spanish, VIP, Notes and Language may be given to one agent, French and Billing not
        for (String name : List.of("German", "Spanish", "French", "Billing")) {
            boolean dynamic = name.equals("German") || name.equals("Spanish");
            skillsOrgA.put(name, catalog.add(ORG_A, name, "PROFICIENCY", List.of(), nowMillis, dynamic).id());
        }
        skillsOrgA.put("VIP", catalog.add(ORG_A, "VIP", "BOOLEAN", List.of(), nowMillis, true).id());
        skillsOrgA.put("Notes", catalog.add(ORG_A, "Notes", "TEXT", List.of(), nowMillis, true).id());
        SkillCatalog.Skill language = catalog.add(ORG_A, "Language", "ENUM", List.of("English", "German", "Spanish"),
                nowMillis, true);
        skillsOrgA.put("Language", language.id());
        String otherSkill = catalog.add(ORG_B, "Sales", "PROFICIENCY", List.of(), nowMillis).id();

        String german = store.create(Ids.seedUuid("profile:German Speaker"), ORG_A, "German Speaker",
                "Agents who take German calls",
                List.of(proficiency("German", 5), proficiency("Spanish", 3), bool("VIP", true)),
                List.of(Json.createObjectBuilder().add("enumSkillValueId", language.enumValues().get(0).id()).build()));
        String billing = store.create(Ids.seedUuid("profile:Billing Experts"), ORG_A, "Billing Experts",
                "Billing questions", List.of(proficiency("Billing", 7), proficiency("French", 2)), List.of());
        String spanish = store.create(Ids.seedUuid("profile:Spanish Desk"), ORG_A, "Spanish Desk",
                "Spanish speaking desk", List.of(proficiency("Spanish", 8)), List.of());
        List<String> numbered = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            String name = String.format("Profile %02d", i);
            numbered.add(store.create(Ids.seedUuid("profile:" + name), ORG_A, name, "Paging filler " + i,
                    List.of(proficiency("French", i % 11)), List.of()));
        }
        String other = store.create(Ids.seedUuid("profile:Other Org Sales"), ORG_B, "Other Org Sales", "Org B",
                List.of(Json.createObjectBuilder().add("skillId", otherSkill).add("proficiencyValue", 4)
                        .add("booleanValue", false).build()), List.of());

        directory.addTeam(new Directory.Team(TEAM_A, ORG_A, "Team A", german));
        directory.addTeam(new Directory.Team(TEAM_B, ORG_A, "Team B", billing));
        directory.assignSkillProfile(directory.user("agent-b").orElseThrow(), spanish);
        profiles = new SeededProfiles(german, billing, spanish, numbered, other, TEAM_A, TEAM_B);
    }

    private static void seedUsers(Directory d) {
        d.addUser(user("admin", ORG_A, "ada.admin@org-a.example", "Ada Admin", "ADMINISTRATOR", "ALL",
                List.of(), List.of()));
        d.addUser(user("supervisor", ORG_A, "sam.supervisor@org-a.example", "Sam Supervisor", "SUPERVISOR",
                "SPECIFIC", List.of(TEAM_A), List.of(TEAM_A)));
        d.addUser(user("all-teams-supervisor", ORG_A, "alex.allteams@org-a.example", "Alex Allteams", "SUPERVISOR",
                "ALL", List.of(), List.of(TEAM_B)));
        d.addUser(user("agent", ORG_A, "andy.agent@org-a.example", "Andy Agent", "STANDARD_AGENT", "SPECIFIC",
                List.of(), List.of(TEAM_A)));
        d.addUser(user("agent-b", ORG_A, "bea.agent@org-a.example", "Bea Agent", "STANDARD_AGENT", "SPECIFIC",
                List.of(), List.of(TEAM_B)));
        d.addUser(user("other-org-admin", ORG_B, "otto.admin@org-b.example", "Otto Other", "ADMINISTRATOR", "ALL",
                List.of(), List.of()));
        d.addUser(new SimUser("not-in-cc", Ids.seedUuid("person:not-in-cc"), ORG_A, "nina.nocc@org-a.example",
                "Nina Nocc", null, null, null, List.of(), List.of()));
    }

    private static SimUser user(String key, String org, String email, String name, String profileType,
                                String accessAllTeams, List<String> teams, List<String> memberOf) {
        return new SimUser(key, Ids.seedUuid("person:" + key), org, email, name, Ids.seedUuid("cc-user:" + key),
                profileType, accessAllTeams, teams, memberOf);
    }

    private JsonObject proficiency(String skill, int value) {
        return Json.createObjectBuilder().add("skillId", skillsOrgA.get(skill)).add("proficiencyValue", value)
                .add("booleanValue", false).build();
    }

    private JsonObject bool(String skill, boolean value) {
        return Json.createObjectBuilder().add("skillId", skillsOrgA.get(skill)).add("booleanValue", value).build();
    }
}
