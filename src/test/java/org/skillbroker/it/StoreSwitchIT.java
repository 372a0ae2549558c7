package org.skillbroker.it;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;
import org.skillbroker.simulator.WebexSimulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Switching stores is one setting: file → database with {@code skillbroker.store.import-from} naming the old
 * directory, then database → file naming the DataSource. After each switch the broker serves the same grant at
 * once: no sign-in, no call to Webex's token endpoint.
 */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class StoreSwitchIT {

    private static final String NAME = "broker";
    private static PGSimpleDataSource database;

    @Deployment(name = NAME, managed = false, testable = false)
    static WebArchive deployment() {
        // the DataSource is declared in every deployment, as a Tomcat admin would before switching
        return BrokerEnvironment.warWithDataSource();
    }

    @ArquillianResource
    private Deployer deployer;

    private final WebexSimulator sim = BrokerEnvironment.simulator();
    private boolean deployed;

    @AfterEach
    void undeploy() {
        if (deployed) {
            deployer.undeploy(NAME);
        }
    }

    private void start() {
        deployer.deploy(NAME);
        deployed = true;
    }

    private void stop() {
        deployer.undeploy(NAME);
        deployed = false;
    }

    @Test
    void fromTheDirectoryToTheDatabaseAndBackWithoutASignIn() throws Exception {
        BrokerEnvironment.configureFiles(Map.of()); // the directory first, whatever the suite's store
        start();
        assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        Health before = Health.read();
        assertEquals("UP", before.status());
        Path oldDirectory = BrokerEnvironment.storeDir();
        stop();
        sim.resetCounters();

        database = BrokerEnvironment.freshDatabase();
        BrokerEnvironment.reconfigure(Map.of("skillbroker.store.datasource", DatabaseStoreIT.JNDI,
                "skillbroker.store.import-from", oldDirectory.toString()));
        start();
        Health inDatabase = Health.read();
        assertEquals("UP", inDatabase.status(), inDatabase.json().toString());
        assertTrue(inDatabase.data("token-store", "store").startsWith("database"), inDatabase.json().toString());
        assertEquals(before.data("admin-grant", "accessTokenExpiresAt"),
                inDatabase.data("admin-grant", "accessTokenExpiresAt"));
        assertEquals(1, rows("sb_grant"));
        assertEquals(0, sim.count("POST", "/v1/access_token"), "no sign-in, no refresh: the grant moved");
        AdminFlow admin = new AdminFlow(BrokerEnvironment.BASE);
        admin.signInAs("admin");
        String page = admin.setupPage().body();
        assertTrue(page.contains("imported from file directory " + oldDirectory + ": the grant"), page);
        stop();
        sim.resetCounters(); // the sign-in above exchanged a code

        BrokerEnvironment.configureFiles(Map.of("skillbroker.store.import-from", DatabaseStoreIT.JNDI)); // a new directory
        start();
        Health backInFiles = Health.read();
        assertEquals("UP", backInFiles.status(), backInFiles.json().toString());
        assertTrue(backInFiles.data("token-store", "store").startsWith("file directory"));
        assertTrue(Files.exists(BrokerEnvironment.storeDir().resolve("grant.enc")));
        assertEquals(before.data("admin-grant", "accessTokenExpiresAt"),
                backInFiles.data("admin-grant", "accessTokenExpiresAt"));
        assertEquals(0, sim.count("POST", "/v1/access_token"), "no sign-in, no refresh: the grant moved");
    }

    private static long rows(String table) throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
