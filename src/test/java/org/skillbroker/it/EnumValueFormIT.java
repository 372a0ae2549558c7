package org.skillbroker.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.skillbroker.simulator.SimSwitches;
import org.skillbroker.simulator.WebexSimulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.skillbroker.it.ApiClient.json;
import static org.skillbroker.it.ApiClient.type;

/**
 * A broker set to name enum values by name ({@code skillbroker.agents.enum-value-form=name}), under each thing
 * Contact Center might want (Cisco does not say): where it takes names the agent holds the value, and where it
 * wants ids its refusal is reported and nothing is held. {@link AgentsIT} proves the default, ids.
 */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class EnumValueFormIT {

    private static final String API = BrokerEnvironment.BASE + "/api/agents";

    @Deployment(testable = false)
    static WebArchive deployment() {
        BrokerEnvironment.configure(Map.of("skillbroker.agents.enum-value-form", "name",
                "skillbroker.api.identity-cache-ttl", "PT0.2S"));
        return BrokerEnvironment.war();
    }

    private final WebexSimulator sim = BrokerEnvironment.simulator();
    private final WebClient client = new WebClient();

    @BeforeEach
    void connected() {
        if (!StoredState.hasGrant()) {
            assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        }
        sim.clearDynamicSkills(sim.agent());
    }

    @AfterEach
    void reset() {
        sim.switches().reset();
        sim.clearDynamicSkills(sim.agent());
    }

    @ParameterizedTest
    @EnumSource(SimSwitches.EnumSkillValues.class)
    void anEnumValueNamedByNameIsHeldWhereContactCenterTakesNames(SimSwitches.EnumSkillValues setting) {
        sim.switches().enumSkillValues(setting);
        String language = sim.seededSkills().get("Language");
        WebClient.Reply reply = client.send(HttpRequest.newBuilder(URI.create(API + "/" + sim.agent().ccUserId()))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"dynamicSkills\":[{\"skillId\":\"" + language
                        + "\",\"value\":\"Spanish\"}]}"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + sim.issueDesktopToken(sim.user("supervisor").orElseThrow())));
        if (setting == SimSwitches.EnumSkillValues.IDS) {
            assertEquals(422, reply.status(), reply.body());
            assertEquals("urn:skill-broker:problem:contact-center-refused", type(reply));
            assertTrue(sim.dynamicSkills(sim.agent()).isEmpty(), "nothing held");
            return;
        }
        assertEquals(200, reply.status(), reply.body());
        assertEquals("Spanish", sim.dynamicSkills(sim.agent()).get(0).getString("enumSkillValues"));
        JsonObject shown = json(reply.body()).getJsonArray("dynamicSkills").getJsonObject(0);
        assertEquals("Spanish", shown.getString("value"), reply.body());
    }
}
