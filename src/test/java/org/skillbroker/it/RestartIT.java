package org.skillbroker.it;

import jakarta.json.Json;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.skillbroker.simulator.WebexSimulator;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Undeploy and deploy the web app again: the grant survives, keys rotate, a wrong key is reported, not obeyed. */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class RestartIT {

    private static final String NAME = "broker";

    @Deployment(name = NAME, managed = false, testable = false)
    static WebArchive deployment() {
        return BrokerEnvironment.war();
    }

    @ArquillianResource
    private Deployer deployer;

    private final WebexSimulator sim = BrokerEnvironment.simulator();
    private boolean deployed;

    private void start(Map<String, String> settings, boolean freshStore) {
        if (freshStore) {
            BrokerEnvironment.configure(settings);
        } else {
            BrokerEnvironment.reconfigure(settings);
        }
        deployer.deploy(NAME);
        deployed = true;
    }

    private void stop() {
        deployer.undeploy(NAME);
        deployed = false;
    }

    @AfterEach
    void undeploy() {
        if (deployed) {
            stop();
        }
    }

    private static Path grantFile() {
        return BrokerEnvironment.storeDir().resolve("grant.enc");
    }

    private static String keyIdOfFile() throws IOException {
        return Json.createReader(new StringReader(Files.readString(grantFile()))).readObject().getString("keyId");
    }

    @Test
    void aRestartFindsAndDecryptsTheStoredGrant() {
        start(Map.of(), true);
        assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        Health before = Health.read();
        assertEquals("UP", before.status());
        stop();
        sim.resetCounters();

        start(Map.of(), false);

        Health after = Health.read();
        assertEquals("UP", after.status(), after.json().toString());
        assertEquals(before.data("admin-grant", "accessTokenExpiresAt"), after.data("admin-grant", "accessTokenExpiresAt"));
        assertEquals(sim.admin().email(), after.data("admin-grant", "authorizedBy"));
        assertEquals(0, sim.count("POST", "/v1/access_token"), "no new sign-in needed");
    }

    @Test
    void anOlderKeyStillDecryptsAndTheFileIsReencryptedUnderTheNewest() throws IOException {
        String first = BrokerEnvironment.newKey();
        String second = BrokerEnvironment.newKey();
        start(Map.of("skillbroker.store.keys", "k1=" + first), true);
        assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        assertEquals("k1", keyIdOfFile());
        stop();

        start(Map.of("skillbroker.store.keys", "k1=" + first + ",k2=" + second), false);
        assertEquals("UP", Health.read().status());
        assertEquals("k2", keyIdOfFile(), "re-encrypted under the newest key");
        assertEquals("k2", Health.read().data("token-store", "keyId"));
        stop();

        start(Map.of("skillbroker.store.keys", "k2=" + second), false);
        assertEquals("UP", Health.read().status(), "the old key can now be retired");
    }

    @Test
    void aWrongKeyIsReportedAndTheUnreadableFileIsKeptAside() throws IOException {
        start(Map.of(), true);
        assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        stop();
        byte[] original = Files.readAllBytes(grantFile());

        start(Map.of("skillbroker.store.keys", "it1=" + BrokerEnvironment.newKey()), false);

        Health health = Health.read();
        assertEquals(503, health.httpStatus());
        assertTrue(health.data("token-store", "error").contains("store unreadable"), health.json().toString());
        assertTrue(health.data("token-store", "error").contains("grant.enc"), health.json().toString());
        AdminFlow admin = new AdminFlow(BrokerEnvironment.BASE);
        assertTrue(admin.setupPage().body().contains("Token store unreadable"));
        assertArrayEquals(original, Files.readAllBytes(grantFile()), "never silently overwritten");

        assertEquals(303, admin.connectAs("admin").status(), "an admin may connect anew");
        assertEquals("UP", Health.read().status());
        try (Stream<Path> files = Files.list(BrokerEnvironment.storeDir())) {
            Path aside = files.filter(f -> f.getFileName().toString().startsWith("grant.enc.unreadable-"))
                    .findFirst().orElseThrow(() -> new AssertionError("no file kept aside"));
            assertArrayEquals(original, Files.readAllBytes(aside));
        }
    }

    @Test
    void aMissingKeyIsReportedNotReplacedSilently() throws IOException {
        start(Map.of(), true);
        assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        stop();
        byte[] original = Files.readAllBytes(grantFile());
        Map<String, String> noKey = new java.util.HashMap<>();
        noKey.put("skillbroker.store.keys", null); // the operator lost the key configuration

        start(noKey, false);

        Health health = Health.read();
        assertEquals(503, health.httpStatus());
        assertTrue(health.data("token-store", "error").contains("grant.enc"), health.json().toString());
        assertArrayEquals(original, Files.readAllBytes(grantFile()), "the old grant is still there for the right key");
    }

    @Test
    void aTruncatedFileIsReportedNotLost() throws IOException {
        start(Map.of(), true);
        assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        stop();
        byte[] bytes = Files.readAllBytes(grantFile());
        Files.write(grantFile(), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        start(Map.of(), false);

        Health health = Health.read();
        assertEquals("DOWN", health.status());
        assertTrue(health.data("token-store", "error").contains("grant.enc"));
    }
}
