package org.skillbroker.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.skillbroker.simulator.Fault;
import org.skillbroker.simulator.Received;
import org.skillbroker.simulator.SimSwitches;
import org.skillbroker.simulator.SimUser;
import org.skillbroker.simulator.WebexSimulator;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.skillbroker.it.ApiClient.change;
import static org.skillbroker.it.ApiClient.json;
import static org.skillbroker.it.ApiClient.type;

/**
 * The broker on a Contact Center that answers only what Cisco documents (the contract check is on for every test):
 * team scoping from documented queries, failing closed; writes that lose no change whatever Contact Center does
 * with {@code version}; the upstream cost of a team-limited supervisor's list.
 */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class ContactCenterContractIT {

    private static final String PROBLEM = "urn:skill-broker:problem:";

    @Deployment(testable = false)
    static WebArchive deployment() {
        BrokerEnvironment.configure(Map.of("skillbroker.api.rate-limit.per-caller", "1000/PT1M",
                "skillbroker.api.rate-limit.global", "5000/PT1M", "skillbroker.cc.budget", "100000/PT1M"));
        return BrokerEnvironment.war();
    }

    private final WebexSimulator sim = BrokerEnvironment.simulator();
    private final ApiClient api = new ApiClient();

    @BeforeEach
    void connected() {
        if (!StoredState.hasGrant()) {
            assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        }
    }

    @AfterEach
    void reset() {
        sim.faults().clear();
        sim.switches().reset();
    }

    /** A supervisor of team A whose user profile's accessAllTeams is {@code access}. */
    private SimUser supervisor(String key, String access, boolean active, boolean ccEnabled) {
        SimUser seed = sim.supervisor();
        return sim.putUser(new SimUser(key, "00000000-0000-4000-8000-" + String.format("%012x", Math.abs(key.hashCode())),
                seed.orgUuid(), key + "@org-a.example", "Sam " + key.replaceAll("[^A-Za-z]", ""),
                "10000000-0000-4000-8000-" + String.format("%012x", Math.abs(key.hashCode())), "SUPERVISOR", access,
                List.of(sim.teamA()), List.of(sim.teamA()), active, ccEnabled));
    }

    private List<String> listed(String token, String search) {
        WebClient.Reply reply = api.get("?search=" + search, token);
        assertEquals(200, reply.status(), reply.body());
        return json(reply.body()).getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(o -> o.getString("id")).toList();
    }

    /** Whether the list, searched by the profile's name, holds it. */
    private boolean visible(String token, String name, String id) {
        return listed(token, name.replace(" ", "%20")).contains(id);
    }

    private int proficiency(String profileId, String skillId) {
        return sim.skillProfile(profileId).orElseThrow().getJsonArray("activeSkills").getValuesAs(JsonObject.class)
                .stream().filter(s -> s.getString("skillId").equals(skillId)).findFirst().orElseThrow()
                .getInt("proficiencyValue");
    }

    private List<Received> puts(String profileId) {
        return sim.received().stream().filter(r -> r.method().equals("PUT")
                && r.path().endsWith("/skill-profile/" + profileId)).toList();
    }

    private static void assertProblem(WebClient.Reply reply, int status, String kind) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals(PROBLEM + kind, type(reply), reply.body());
    }

    // ---- team scoping ----

    @ParameterizedTest
    @EnumSource(SimSwitches.SupervisorQueries.class)
    void aTeamLimitedSupervisorSeesAndChangesTheProfilesTheirTeamsUse(SimSwitches.SupervisorQueries queries) {
        sim.switches().supervisorQueries(queries);
        String token = sim.issueDesktopToken(supervisor("sam-" + queries, "SPECIFIC", true, true));
        String german = sim.seededProfiles().germanSpeaker();
        String billing = sim.seededProfiles().billingExperts();

        assertTrue(visible(token, "German Speaker", german), "team A's own profile");
        assertFalse(visible(token, "Billing Experts", billing), "team B's profile");
        assertFalse(visible(token, "Spanish Desk", sim.seededProfiles().spanishDesk()),
                "an agent of team B has it as their own");

        String spanish = sim.seededSkills().get("Spanish");
        int target = (proficiency(german, spanish) + 1) % 11;
        assertEquals(200, api.patch(german, token, change(spanish, target)).status());
        assertEquals(target, proficiency(german, spanish));
        assertProblem(api.patch(billing, token, change(sim.seededSkills().get("Billing"), 1)), 403,
                "outside-your-teams");
        assertEquals(1,
                sim.received().stream().filter(r -> r.query().contains("supervisorView=true")
                        && r.header("authorization").equals("Bearer " + token)).count(),
                "Contact Center is asked once with the supervisor's own token, then the answer is cached");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SPECIFIC", "PROVISIONED_VALUE", "NONE", "ALL"})
    void onlyAllWidensEveryOtherValueRestrictsAndNoneMeansNoTeam(String access) {
        for (SimSwitches.SupervisorQueries queries : SimSwitches.SupervisorQueries.values()) {
            sim.switches().supervisorQueries(queries);
            String token = sim.issueDesktopToken(supervisor("sup-" + access + "-" + queries, access, true, true));
            String german = sim.seededProfiles().germanSpeaker();
            String billing = sim.seededProfiles().billingExperts();
            String why = access + " with supervisor queries " + queries;
            assertEquals(!"NONE".equals(access), visible(token, "German Speaker", german), why);
            assertEquals("ALL".equals(access), visible(token, "Billing Experts", billing), why);
            assertEquals("ALL".equals(access), visible(token, "Spanish Desk", sim.seededProfiles().spanishDesk()), why);
            assertTrue(visible(token, "Profile 01", sim.seededProfiles().numbered().get(0)),
                    "a profile nobody uses: " + why);
            int expected = "ALL".equals(access) ? 200 : 403;
            assertEquals(expected, api.get("/" + billing, token).status(), why);
            assertEquals("NONE".equals(access) ? 403 : 200, api.get("/" + german, token).status(), why);
        }
    }

    @Test
    void anInactiveOrNotContactCenterEnabledUserIsRefused() {
        String inactive = sim.issueDesktopToken(supervisor("sam-inactive", "ALL", false, true));
        String disabled = sim.issueDesktopToken(supervisor("sam-disabled", "ALL", true, false));
        assertProblem(api.get("", inactive), 403, "inactive-user");
        assertProblem(api.get("", disabled), 403, "inactive-user");
        assertProblem(api.patch(sim.seededProfiles().germanSpeaker(), inactive,
                change(sim.seededSkills().get("German"), 1)), 403, "inactive-user");
    }

    @Test
    void accessToAllTeamsNeverMakesAnAgentOrAnAnalyzerASupervisor() {
        for (String type : List.of("STANDARD_AGENT", "PREMIUM_AGENT", "ANALYZER_SUPERVISOR")) {
            SimUser seed = sim.supervisor();
            String key = "all-teams-" + type.toLowerCase(java.util.Locale.ROOT);
            String suffix = String.format("%012x", Math.abs(key.hashCode()));
            SimUser user = sim.putUser(new SimUser(key, "00000000-0000-4000-8000-" + suffix, seed.orgUuid(),
                    key + "@org-a.example", "Alex Allteams", "10000000-0000-4000-8000-" + suffix, type, "ALL",
                    List.of(sim.teamA()), List.of(sim.teamA()), true, true));
            String token = sim.issueDesktopToken(user);
            assertProblem(api.get("", token), 403, "profile-type-not-allowed");
            assertProblem(api.patch(sim.seededProfiles().germanSpeaker(), token,
                    change(sim.seededSkills().get("German"), 1)), 403, "profile-type-not-allowed");
        }
    }

    @Test
    void listingFiftyProfilesForATeamLimitedSupervisorCostsAtMostSixContactCenterCalls() {
        String prefix = "Cost " + UUID.randomUUID().toString().substring(0, 8);
        String french = sim.seededSkills().get("French");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            created.add(sim.createSkillProfile(sim.orgId(), prefix + " " + i, Map.of(french, i % 11)));
        }
        sim.createTeam(sim.orgId(), "Team " + prefix, created.get(1)); // a team not the supervisor's
        sim.assignSkillProfile(sim.agent(), created.get(2)); // an agent of team A has it as their own
        String token = sim.issueDesktopToken(supervisor("sam-cost", "SPECIFIC", true, true));
        sim.resetCounters();

        List<String> ids = listed(token, prefix.replace(" ", "%20"));

        assertEquals(49, ids.size(), "all but the one another team uses: " + ids);
        assertFalse(ids.contains(created.get(1)));
        assertTrue(ids.contains(created.get(2)), "the agent is in the supervisor's team");
        int cold = sim.count("*", "/organization/**");
        assertTrue(cold <= 6, "cold caches: " + cold + " calls " + sim.received());
        sim.resetCounters();
        assertEquals(ids, listed(token, prefix.replace(" ", "%20")));
        assertEquals(1, sim.count("*", "/organization/**"), "warm caches: the list only " + sim.received());
        sim.assignSkillProfile(sim.agent(), null);
    }

    // ---- writes ----

    @Test
    void a412IsARefusalAndNotRetried() {
        String id = sim.seededProfiles().numbered().get(5);
        String french = sim.seededSkills().get("French");
        int before = proficiency(id, french);
        int putsBefore = puts(id).size();
        sim.faults().on("PUT", "/organization/*/skill-profile/" + id, Fault.status(412), 1);

        WebClient.Reply reply = api.patch(id, sim.issueDesktopToken(sim.admin()), change(french, (before + 1) % 11));

        assertProblem(reply, 409, "profile-referenced");
        assertTrue(json(reply.body()).getString("trackingId").startsWith("ccconfig_"), reply.body());
        assertEquals(1, puts(id).size() - putsBefore, "not retried");
        assertEquals(before, proficiency(id, french));
    }

    @Test
    void aPutAnsweredWithoutTheChangeIsReadBackAndAppliedAgain() {
        String id = sim.seededProfiles().numbered().get(6);
        String french = sim.seededSkills().get("French");
        int target = (proficiency(id, french) + 3) % 11;
        int putsBefore = puts(id).size();
        sim.switches().ignoreNextPuts(1);

        WebClient.Reply reply = api.patch(id, sim.issueDesktopToken(sim.admin()), change(french, target));

        assertEquals(200, reply.status(), reply.body());
        assertEquals(target, proficiency(id, french));
        assertEquals(2, puts(id).size() - putsBefore, "the ignored PUT, then the one that applied");
    }

    @Test
    void aPutThatNeverAppliesIsAClearProblemWithTheTrackingIdAndAudited() throws IOException {
        String id = sim.seededProfiles().numbered().get(7);
        String french = sim.seededSkills().get("French");
        int before = proficiency(id, french);
        int putsBefore = puts(id).size();
        sim.switches().ignoreNextPuts(1000);

        WebClient.Reply reply = api.patch(id, sim.issueDesktopToken(sim.admin()), change(french, (before + 1) % 11));

        assertProblem(reply, 502, "change-not-applied");
        String trackingId = json(reply.body()).getString("trackingId");
        assertTrue(trackingId.startsWith("ccconfig_"), reply.body());
        assertEquals(5, puts(id).size() - putsBefore, "bounded by skillbroker.api.write-retries");
        String audit = String.join("\n", StoredState.auditLines());
        assertTrue(audit.lines().anyMatch(l -> l.contains("change-not-applied") && l.contains(trackingId)), audit);
    }

    @ParameterizedTest
    @EnumSource(SimSwitches.StaleVersion.class)
    void concurrentChangesToDifferentSkillsOfOneProfileAllApplyUnderEveryStaleVersionBehaviour(
            SimSwitches.StaleVersion stale) throws Exception {
        sim.switches().staleVersion(stale);
        Map<String, Integer> initial = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            initial.put(sim.createSkill(sim.orgId(), "Race " + stale.ordinal() + " " + i + " "
                    + UUID.randomUUID().toString().substring(0, 4), "PROFICIENCY"), 0);
        }
        String id = sim.createSkillProfile(sim.orgId(), "Race " + UUID.randomUUID().toString().substring(0, 8), initial);
        // another writer (Control Hub) changes the profile once in between: its change must survive too, except
        // where Contact Center lets the last write win, which nobody can detect (README: assumptions)
        String token = sim.issueDesktopToken(sim.admin());
        List<String> skills = new ArrayList<>(initial.keySet());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<WebClient.Reply>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String skill = skills.get(i);
                int value = 1 + i;
                calls.add(() -> new ApiClient().patch(id, token, change(skill, value)));
            }
            for (Future<WebClient.Reply> reply : pool.invokeAll(calls)) {
                assertEquals(200, reply.get().status(), reply.get().body());
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < 8; i++) {
            assertEquals(1 + i, proficiency(id, skills.get(i)), "skill " + i + " under " + stale);
        }
        assertNotEquals(0, sim.skillProfile(id).orElseThrow().getInt("version"));
    }
}
