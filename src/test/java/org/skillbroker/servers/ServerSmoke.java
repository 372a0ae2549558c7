package org.skillbroker.servers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.skillbroker.it.AdminFlow;
import org.skillbroker.it.Health;
import org.skillbroker.simulator.WebexSimulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The smoke suite every real server passes with the unmodified WAR, in order: it deploys and its API answers, an
 * admin connects through /setup, a supervisor changes one proficiency through the API, an undeploy and redeploy leave no leak warning and keep the grant, a restart
 * finds the stored grant. Subclasses say which server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class ServerSmoke {

    protected static final Duration BOOT = Duration.ofSeconds(120);

    protected final WebexSimulator sim = Servers.simulator();
    protected ServerNode node;
    protected Path storeDir;

    /** The server under test, not started yet, with {@code settings} applied. */
    protected abstract ServerNode createNode(Path scratch);

    @BeforeAll
    void startServer() throws Exception {
        Path scratch = Servers.scratch(getClass().getSimpleName());
        storeDir = scratch.resolve("store");
        node = createNode(scratch);
        node.settings(Servers.settings(node.baseUrl(), storeDir));
        node.deploy(Servers.war());
        node.start();
        node.awaitDeployed(BOOT);
    }

    @AfterAll
    void stopServer() {
        if (node == null) {
            return;
        }
        node.stop();
        String log = node.log();
        assertEquals(List.of(), node.leakWarnings(), "leak warnings in the server log");
        assertEquals(List.of(), Servers.leakedInto(log), "secrets in the server log");
    }

    @Test
    @Order(1)
    void theWarDeploysAndItsOwnApiAnswers() throws Exception {
        Health health = Health.at(node.baseUrl());
        assertEquals(503, health.httpStatus(), health.json().toString());
        assertEquals("UP", health.check("configuration").getString("status"), health.json().toString());
        assertEquals("not connected", health.data("admin-grant", "state"));

        // the broker's API servlet, not a JAX-RS runtime the server would put in front of it (WildFly's RESTEasy)
        java.net.http.HttpResponse<String> unknown = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(node.baseUrl() + "/api/nothing-here"))
                        .timeout(Duration.ofSeconds(10)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertEquals("application/problem+json", unknown.headers().firstValue("Content-Type").orElse(""));
        assertTrue(unknown.body().contains("\"urn:skill-broker:problem:not-found\""), unknown.body());
    }

    @Test
    @Order(2)
    void anAdminConnectsThroughSetup() {
        AdminFlow admin = new AdminFlow(node.baseUrl());
        assertEquals(303, admin.connectAs("admin").status());
        Health health = Health.at(node.baseUrl());
        assertEquals("UP", health.status(), health.json().toString());
        assertEquals(sim.admin().email(), health.data("admin-grant", "authorizedBy"));
    }

    @Test
    @Order(5)
    void aSupervisorChangesOneProficiency() {
        String profile = sim.seededProfiles().germanSpeaker();
        String german = sim.seededSkills().get("German");
        int target = (Widget.proficiency(sim, profile, german) + 1) % 11;

        Widget.Result reply = Widget.patch(node.baseUrl(), profile, sim.issueDesktopToken(sim.supervisor()),
                Widget.change(german, target));

        assertEquals(200, reply.status(), reply.body());
        assertEquals(target, Widget.proficiency(sim, profile, german));
    }

    @Test
    @Order(10)
    void undeployAndRedeployLeaveNoLeakWarningAndKeepTheGrant() throws Exception {
        String expiresAt = Health.at(node.baseUrl()).data("admin-grant", "accessTokenExpiresAt");
        node.undeploy();
        node.awaitUndeployed(Duration.ofSeconds(60));
        assertEquals(List.of(), node.leakWarnings(), "leak warnings after undeploy");

        sim.resetCounters();
        node.redeploy();
        node.awaitDeployed(Duration.ofSeconds(60));
        Health health = Health.at(node.baseUrl());
        assertEquals("UP", health.status(), health.json().toString());
        assertEquals(expiresAt, health.data("admin-grant", "accessTokenExpiresAt"));
        assertEquals(0, sim.count("POST", "/v1/access_token"), "no sign-in or refresh needed");
    }

    @Test
    @Order(20)
    void aRestartFindsTheStoredGrant() throws Exception {
        String expiresAt = Health.at(node.baseUrl()).data("admin-grant", "accessTokenExpiresAt");
        node.stop();
        assertEquals(List.of(), node.leakWarnings(), "leak warnings after a shutdown");

        sim.resetCounters();
        node.start();
        node.awaitDeployed(BOOT);
        Health health = Health.at(node.baseUrl());
        assertEquals("UP", health.status(), health.json().toString());
        assertEquals(expiresAt, health.data("admin-grant", "accessTokenExpiresAt"));
        assertEquals(0, sim.count("POST", "/v1/access_token"), "the stored grant is used, no new sign-in");
    }
}
