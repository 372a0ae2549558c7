package org.skillbroker.reliability;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.skillbroker.it.AdminFlow;
import org.skillbroker.it.BrokerEnvironment;
import org.skillbroker.it.Health;
import org.skillbroker.it.NoLeaks;
import org.skillbroker.it.WebClient;
import org.skillbroker.simulator.WebexSimulator;
import org.skillbroker.state.file.GrantStore;
import org.skillbroker.state.jdbc.JdbcClusterState;
import org.skillbroker.state.jdbc.Postgres;
import org.skillbroker.token.Keyring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store breaks while the broker runs: the store directory is replaced by a plain file, which fails every write
 * even for root, like a read-only or full volume would; in database mode ({@code -Dit.store=database}) the
 * PostgreSQL server stops. The grant in memory keeps serving (refreshed near its end without the lease), health
 * says so, and the next successful write, once the store is back, restores the stored grant.
 */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class StoreFaultsIT {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Deployment(testable = false)
    static WebArchive deployment() {
        BrokerEnvironment.configure(Map.of("skillbroker.refresh.at-share", "0.5"));
        return BrokerEnvironment.war();
    }

    private final WebexSimulator sim = BrokerEnvironment.simulator();

    @AfterAll
    static void restoreLifetimes() {
        BrokerEnvironment.simulator().setAccessTokenLifetime(Duration.ofSeconds(43199));
    }

    @Test
    void aBrokenStoreDoesNotStopTheBrokerAndTheNextWriteRestoresTheGrant() throws Exception {
        sim.setAccessTokenLifetime(Duration.ofSeconds(3));
        assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        Keyring keyring = Keyring.of("it1", Base64.getDecoder().decode(BrokerEnvironment.STORE_KEY));
        if (BrokerEnvironment.databaseStore()) {
            Postgres.shared().stop();
            try {
                whileBroken();
            } finally {
                Postgres.shared().startServer();
            }
            awaitRestored();
            try (JdbcClusterState database = new JdbcClusterState(BrokerEnvironment.database(), "it", keyring,
                    sim.orgId(), Clock.systemUTC())) {
                assertTrue(database.grant().load().isPresent(), "the row holds a decryptable grant again");
            }
            return;
        }
        Path store = BrokerEnvironment.storeDir();
        Path aside = store.resolveSibling(store.getFileName() + ".aside");
        Files.move(store, aside);
        Files.writeString(store, "the volume went away");
        try {
            whileBroken();
        } finally {
            // the broker may have re-created the directory meanwhile (its event history appends to the audit file
            // there): whatever stands at the store's place goes, then the real directory comes back
            try (java.util.stream.Stream<Path> gone = Files.walk(store)) {
                for (Path p : gone.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.move(aside, store);
        }
        awaitRestored();
        GrantStore file = new GrantStore(store, keyring, sim.orgId(), Clock.systemUTC());
        String onDisk = file.load().orElseThrow().tokens().accessTokenExpiresAt().toString();
        assertTrue(!onDisk.isEmpty(), "the file holds a decryptable grant again");
    }

    private void whileBroken() {
        Health broken = Health.await(h -> !h.data("token-store", "writeError").isEmpty(), DEADLINE,
                "a failed write reported");
        String token = sim.issueDesktopToken(sim.supervisor());
        WebClient.Reply read = new WebClient().get(BrokerEnvironment.BASE + "/api/skill-profiles/"
                + sim.seededProfiles().germanSpeaker(), "Authorization", "Bearer " + token);
        assertEquals(200, read.status(), "still serving with the grant in memory: " + read.body());
        assertEquals("connected", broken.data("admin-grant", "state"));
    }

    private static void awaitRestored() {
        // UP too: a pooled connection that the database restart broke may fail once more before the pool drops it
        Health restored = Health.await(h -> h.data("token-store", "writeError").isEmpty()
                        && h.data("admin-grant", "lastRefresh").startsWith("refreshed") && "UP".equals(h.status()),
                DEADLINE, "the pending write done");
        assertEquals("", restored.data("token-store", "outage"));
    }
}
