package org.skillbroker.servers;

import org.postgresql.ds.PGSimpleDataSource;
import org.skillbroker.it.Health;
import org.skillbroker.state.jdbc.JdbcClusterState;
import org.skillbroker.state.jdbc.Postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link TwoNodesIT} with the shared state in a real PostgreSQL, reached by each Tomcat through the
 * {@code <Resource>} documented in tomcat-config/context.xml (the driver in CATALINA_BASE/lib, never in the WAR):
 * the same kills (one between refreshes, one holding the refresh lease), plus a database restart while the
 * client sends changes.
 */
class TwoNodesDatabaseIT extends TwoNodesIT {

    private static final String JNDI = "java:comp/env/jdbc/skillbroker";
    private PGSimpleDataSource database;

    @Override
    protected String name() {
        return "TwoNodesDatabaseIT";
    }

    @Override
    protected void prepareStore(Path scratch, Map<String, String> settings) {
        database = Postgres.shared().freshSchema();
        settings.put("skillbroker.store.datasource", JNDI);
    }

    @Override
    protected void prepareNode(TomcatNode node) throws Exception {
        node.library(Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        node.file("conf/Catalina/localhost/skill-broker.xml", "<Context>\n" + documentedResource() + "\n</Context>\n");
    }

    /** The commented-out example of tomcat-config/context.xml, pointed at the test database. */
    private String documentedResource() throws Exception {
        String context = Files.readString(Path.of("tomcat-config/context.xml"));
        Matcher m = Pattern.compile("<Resource name=\"jdbc/skillbroker\".*?/>", Pattern.DOTALL).matcher(context);
        if (!m.find()) {
            throw new AssertionError("tomcat-config/context.xml has no <Resource> example");
        }
        return m.group().replace("jdbc:postgresql://db.example.com:5432/skillbroker",
                        Postgres.shared().url(database.getCurrentSchema()).replace("&", "&amp;"))
                .replace("username=\"skillbroker\"", "username=\"" + Postgres.USER + "\"");
    }

    @Override
    protected Optional<Long> refreshLeaseHolder(Path storeDir) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT holder FROM sb_lease WHERE name = 'refresh' AND expires_at > ?")) {
            ps.setLong(1, System.currentTimeMillis());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(pidOf(rs.getString(1))) : Optional.empty();
            }
        } catch (java.sql.SQLException e) {
            return Optional.empty(); // the database restarting
        }
    }

    @Override
    protected StoreWatcher watcher(Path storeDir) {
        return new StoreWatcher(new JdbcClusterState(database, "watcher",
                StoreWatcher.keyring(storeDir, Servers.STORE_KEY_ID + "=" + Servers.STORE_KEY), sim.orgId(),
                Clock.systemUTC()).grant());
    }

    /**
     * Restarts PostgreSQL right after a refresh, while the client keeps sending changes: both nodes notice
     * (their /health names the outage), and go on when it is back.
     */
    @Override
    protected boolean disturbsStore() {
        return true;
    }

    @Override
    protected void disturbStore() throws Exception {
        Postgres pg = Postgres.shared();
        outageFrom = java.time.Instant.now();
        pg.stop();
        try {
            for (int port : PORTS) {
                Poll.until(() -> !Health.at("http://127.0.0.1:" + port + "/skill-broker").data("token-store", "outage")
                        .isEmpty(), Duration.ofSeconds(10), "node on " + port + " reports the outage");
            }
        } finally {
            pg.startServer();
        }
        for (int port : PORTS) {
            Poll.until(() -> "UP".equals(Health.at("http://127.0.0.1:" + port + "/skill-broker").status()),
                    Duration.ofSeconds(15), "node on " + port + " back after the restart");
        }
        outageTo = java.time.Instant.now();
        events.add("database down " + outageFrom + " .. nodes UP again " + outageTo);
    }
}
