package org.skillbroker.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;
import org.skillbroker.simulator.WebexSimulator;
import org.skillbroker.state.jdbc.Postgres;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker in database mode on embedded Tomcat: {@code skillbroker.store.datasource} names a container
 * DataSource (declared in the context as a Tomcat admin would, here in the test deployment's
 * META-INF/context.xml; the WAR itself carries no driver) on a real PostgreSQL. Connect, change, audit and then
 * a database outage: reads go on with the cached token, /health says why, and everything is back when the
 * database is.
 */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseStoreIT {

    static final String JNDI = BrokerEnvironment.DATASOURCE;
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static PGSimpleDataSource database;

    @Deployment(testable = false)
    static WebArchive deployment() {
        database = BrokerEnvironment.configureDatabase(Map.of());
        return BrokerEnvironment.warWithDataSource();
    }

    private final WebexSimulator sim = BrokerEnvironment.simulator();
    private final ApiClient api = new ApiClient();

    @Test
    @Order(1)
    void theGrantAndTheAuditLiveInTheDatabaseNotInTheDirectory() throws Exception {
        assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        Health health = Health.await(h -> "UP".equals(h.status()), DEADLINE, "connected");
        assertTrue(health.data("token-store", "store").startsWith("database " + JNDI), health.json().toString());

        String profile = sim.seededProfiles().germanSpeaker();
        String german = sim.seededSkills().get("German");
        WebClient.Reply changed = api.patch(profile, token(), ApiClient.change(german, 7));
        assertEquals(200, changed.status(), changed.body());

        assertEquals(1, count("SELECT COUNT(*) FROM sb_grant"));
        assertTrue(count("SELECT COUNT(*) FROM sb_audit WHERE resource_id = '" + profile + "'") >= 1);
        assertFalse(Files.exists(BrokerEnvironment.storeDir().resolve("grant.enc")), "no grant file");
        assertFalse(Files.exists(BrokerEnvironment.storeDir().resolve("audit.log")), "no audit file");
        AdminFlow admin = new AdminFlow(BrokerEnvironment.BASE);
        admin.signInAs("admin");
        String page = admin.setupPage().body();
        assertTrue(page.contains("id=\"store-in-use\"") && page.contains("database " + JNDI), page);
    }

    @Test
    @Order(2)
    void aDatabaseOutageDegradesAndTheBrokerRecoversWhenItIsBack() throws Exception {
        String profile = sim.seededProfiles().germanSpeaker();
        String token = token();
        assertEquals(200, api.get("/" + profile, token).status());

        Postgres.shared().stop();
        try {
            Health down = Health.await(h -> !h.data("token-store", "outage").isEmpty(), DEADLINE,
                    "the outage reported");
            assertEquals("DOWN", down.status());
            assertTrue(down.data("token-store", "outage").contains("database " + JNDI + " unavailable"),
                    down.json().toString());
            WebClient.Reply read = api.get("/" + profile, token);
            assertEquals(200, read.status(), "reads go on with the cached admin token: " + read.body());
            // a change to the value in effect would need no PUT and no lease
            sim.setProficiency(profile, sim.seededSkills().get("German"), 3);
            WebClient.Reply write = api.patch(profile, token,
                    ApiClient.change(sim.seededSkills().get("German"), 9));
            assertEquals(503, write.status(), "a write needs the profile's lease: " + write.body());
            assertTrue(write.header("Retry-After").isPresent(), "with Retry-After");
        } finally {
            Postgres.shared().startServer();
        }

        Health.await(h -> "UP".equals(h.status()), DEADLINE, "the database back");
        String german = sim.seededSkills().get("German");
        WebClient.Reply changed = api.patch(profile, token, ApiClient.change(german, 8));
        assertEquals(200, changed.status(), changed.body());
    }

    private String token() {
        return sim.issueDesktopToken(sim.admin());
    }

    private static long count(String sql) throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
