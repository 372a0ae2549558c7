package org.skillbroker.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.skillbroker.simulator.SeededProfiles;
import org.skillbroker.simulator.WebexSimulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.skillbroker.it.ApiClient.change;
import static org.skillbroker.it.ApiClient.json;
import static org.skillbroker.it.ApiClient.type;

/** The optional narrowing: allow-lists of profiles and skills, team scoping off, a custom widget origin. */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class AllowListIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        WebexSimulator sim = BrokerEnvironment.simulator();
        SeededProfiles p = sim.seededProfiles();
        BrokerEnvironment.configure(Map.of(
                "skillbroker.api.allowed-skill-profile-ids", p.germanSpeaker() + "," + p.billingExperts(),
                "skillbroker.api.allowed-skill-ids", sim.seededSkills().get("German") + " " + sim.seededSkills().get("Billing"),
                "skillbroker.api.team-scoping", "false",
                "skillbroker.api.allowed-origins", "https://widgets.example.com",
                "skillbroker.audit.file", "off"));
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

    private String token(String user) {
        return sim.issueDesktopToken(sim.user(user).orElseThrow());
    }

    @Test
    void theListHoldsOnlyAllowListedProfiles() {
        JsonObject page = json(api.get("", token("admin")).body());

        List<String> ids = page.getJsonArray("items").getValuesAs(JsonObject.class).stream().map(o -> o.getString("id")).toList();
        assertEquals(java.util.Set.of(sim.seededProfiles().billingExperts(), sim.seededProfiles().germanSpeaker()),
                java.util.Set.copyOf(ids), page.toString());
    }

    @Test
    void aProfileOutsideTheAllowListIsRefused() {
        WebClient.Reply reply = api.get("/" + sim.seededProfiles().spanishDesk(), token("admin"));

        assertEquals(403, reply.status());
        assertEquals("urn:skill-broker:problem:profile-not-allowed", type(reply));
    }

    @Test
    void aSkillOutsideTheAllowListIsRefusedAndShownReadOnly() {
        String german = sim.seededSkills().get("German");
        String spanish = sim.seededSkills().get("Spanish");
        String token = token("admin");

        WebClient.Reply refused = api.patch(sim.seededProfiles().germanSpeaker(), token, change(spanish, 4));
        assertEquals(403, refused.status(), refused.body());
        assertEquals("urn:skill-broker:problem:skill-not-allowed", type(refused));
        assertEquals(200, api.patch(sim.seededProfiles().germanSpeaker(), token, change(german, 4)).status());

        JsonObject profile = json(api.get("/" + sim.seededProfiles().germanSpeaker(), token).body());
        for (JsonObject skill : profile.getJsonArray("activeSkills").getValuesAs(JsonObject.class)) {
            assertEquals(skill.getString("skillId").equals(german), skill.getBoolean("editable"), skill.toString());
        }
    }

    @Test
    void withoutTeamScopingASupervisorMayChangeAProfileSharedWithOtherTeams() {
        String billing = sim.seededSkills().get("Billing");
        WebClient.Reply reply = api.patch(sim.seededProfiles().billingExperts(), token("supervisor"), change(billing, 6));

        assertEquals(200, reply.status(), reply.body());
        assertFalse(Files.exists(BrokerEnvironment.storeDir().resolve("audit.log")), "audit file switched off");
    }

    @Test
    void onlyTheConfiguredOriginGetsPreflights() {
        WebClient.Reply widget = preflight("https://widgets.example.com");
        WebClient.Reply desktop = preflight("https://desktop.wxcc-us1.cisco.com");

        assertEquals(204, widget.status());
        assertEquals("https://widgets.example.com", widget.header("Access-Control-Allow-Origin").orElse(""));
        assertEquals(403, desktop.status());
        assertTrue(desktop.header("Access-Control-Allow-Origin").isEmpty());
    }

    private WebClient.Reply preflight(String origin) {
        return api.send(HttpRequest.newBuilder(URI.create(ApiClient.API)).method("OPTIONS", HttpRequest.BodyPublishers.noBody()),
                "Origin", origin, "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization");
    }

    // ---- agents: the allow-lists bound what a supervisor may give one agent, too ----

    private WebClient.Reply patchAgent(String agentId, String token, String body) {
        return new WebClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(BrokerEnvironment.BASE
                + "/api/agents/" + agentId)).method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token));
    }

    @Test
    void anAgentIsNotGivenAProfileOrASkillOutsideTheAllowLists() {
        String token = token("supervisor");
        int before = sim.count("PATCH", "/organization/*/user/*/reskill");
        WebClient.Reply profile = patchAgent(sim.agent().ccUserId(), token,
                "{\"skillProfileId\":\"" + sim.seededProfiles().spanishDesk() + "\"}");
        assertEquals(403, profile.status(), profile.body());
        assertEquals("urn:skill-broker:problem:profile-not-allowed", type(profile));
        WebClient.Reply skill = patchAgent(sim.agent().ccUserId(), token, "{\"dynamicSkills\":[{\"skillId\":\""
                + sim.seededSkills().get("Spanish") + "\",\"value\":5}]}");
        assertEquals(403, skill.status(), skill.body());
        assertEquals("urn:skill-broker:problem:skill-not-allowed", type(skill));
        assertEquals(before, sim.count("PATCH", "/organization/*/user/*/reskill"), "nothing written");
        String list = new WebClient().get(BrokerEnvironment.BASE + "/api/agents", "Authorization", "Bearer " + token)
                .body();
        JsonObject agents = json(list);
        assertEquals(java.util.List.of("German Speaker", "Billing Experts").stream().sorted().toList(),
                agents.getJsonArray("assignableProfiles").getValuesAs(JsonObject.class).stream()
                        .map(p -> p.getString("name")).sorted().toList(), "only allow-listed profiles are offered");
        assertEquals(java.util.List.of("German"), agents.getJsonArray("dynamicSkills").getValuesAs(JsonObject.class)
                .stream().map(k -> k.getString("name")).toList(), "only allow-listed dynamic skills are offered");
    }
}
