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

import java.io.StringReader;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Undeploy and deploy the web app again: the grant survives, keys rotate, a wrong key is reported, not obeyed; a
 * torn grant (a truncated file, a truncated row) is reported and kept. Both stores ({@link StoredState}).
 */
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

    /** The key id in the stored envelope (the file's or the row's: the same envelope). */
    private static String keyIdOfStoredGrant() {
        return Json.createReader(new StringReader(StoredState.sealedGrant().orElseThrow())).readObject()
                .getString("keyId");
    }

    private static String stored() {
        return StoredState.sealedGrant().orElseThrow(() -> new AssertionError("no grant stored"));
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
    void anOlderKeyStillDecryptsAndTheGrantIsReencryptedUnderTheNewest() {
        String first = BrokerEnvironment.newKey();
        String second = BrokerEnvironment.newKey();
        start(Map.of("skillbroker.store.keys", "k1=" + first), true);
        assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        assertEquals("k1", keyIdOfStoredGrant());
        stop();

        start(Map.of("skillbroker.store.keys", "k1=" + first + ",k2=" + second), false);
        assertEquals("UP", Health.read().status());
        assertEquals("k2", keyIdOfStoredGrant(), "re-encrypted under the newest key");
        assertEquals("k2", Health.read().data("token-store", "keyId"));
        stop();

        start(Map.of("skillbroker.store.keys", "k2=" + second), false);
        assertEquals("UP", Health.read().status(), "the old key can now be retired");
    }

    @Test
    void aWrongKeyIsReportedAndTheUnreadableGrantIsKeptAside() {
        start(Map.of(), true);
        assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        stop();
        String original = stored();

        start(Map.of("skillbroker.store.keys", "it1=" + BrokerEnvironment.newKey()), false);

        Health health = Health.read();
        assertEquals(503, health.httpStatus());
        assertTrue(health.data("token-store", "error").contains("store unreadable"), health.json().toString());
        assertTrue(health.data("token-store", "error").contains(StoredState.grantName()), health.json().toString());
        AdminFlow admin = new AdminFlow(BrokerEnvironment.BASE);
        assertTrue(admin.setupPage().body().contains("Token store unreadable"));
        assertEquals(original, stored(), "never silently overwritten");

        assertEquals(303, admin.connectAs("admin").status(), "an admin may connect anew");
        assertEquals("UP", Health.read().status());
        assertEquals(java.util.List.of(original), StoredState.grantsAside(), "the unreadable grant kept aside");
    }

    @Test
    void aMissingKeyIsReportedNotReplacedSilently() {
        start(Map.of(), true);
        assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        stop();
        String original = stored();
        Map<String, String> noKey = new java.util.HashMap<>();
        noKey.put("skillbroker.store.keys", null); // the operator lost the key configuration

        start(noKey, false);

        Health health = Health.read();
        assertEquals(503, health.httpStatus());
        assertTrue(health.data("token-store", "error").contains(StoredState.grantName()), health.json().toString());
        assertEquals(original, stored(), "the old grant is still there for the right key");
    }

    @Test
    void aTruncatedGrantIsReportedNotLost() {
        start(Map.of(), true);
        assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        stop();
        String whole = stored();
        StoredState.overwriteGrant(whole.substring(0, whole.length() / 2)); // a torn write, a truncated row

        start(Map.of(), false);

        Health health = Health.read();
        assertEquals("DOWN", health.status());
        assertTrue(health.data("token-store", "error").contains(StoredState.grantName()), health.json().toString());
        assertEquals(whole.substring(0, whole.length() / 2), stored(), "kept as found, for the right key or a look");
    }
}
