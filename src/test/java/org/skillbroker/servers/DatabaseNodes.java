package org.skillbroker.servers;

import org.postgresql.ds.PGSimpleDataSource;
import org.skillbroker.state.jdbc.JdbcClusterState;
import org.skillbroker.state.jdbc.Postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real Tomcat nodes sharing their state in one PostgreSQL schema (a fresh one per instance), each through the
 * {@code <Resource>} documented in tomcat-config/context.xml with the driver in CATALINA_BASE/lib (never in the
 * WAR); and what the tests read from that schema with plain SQL, as an operator would.
 */
final class DatabaseNodes {

    static final String JNDI = "java:comp/env/jdbc/skillbroker";

    /** A lease row as stored: who holds it (pid@host/...), its fencing token and its expiry (epoch ms). */
    record LeaseRow(String holder, long token, long expiresAt) {
        long pid() {
            return LeaseHolders.pidOf(holder);
        }

        boolean live() {
            return expiresAt > System.currentTimeMillis();
        }
    }

    private final PGSimpleDataSource database = Postgres.shared().freshSchema();

    PGSimpleDataSource dataSource() {
        return database;
    }

    /** Points the nodes' settings at the DataSource. */
    void settings(Map<String, String> settings) {
        settings.put("skillbroker.store.datasource", JNDI);
    }

    /** The driver into the node's lib, the documented Resource into its context file for the app. */
    void prepare(TomcatNode node) throws Exception {
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

    /** The lease of that name as stored, live or expired; empty when there is none or the database is away. */
    Optional<LeaseRow> lease(String name) {
        try (Connection c = database.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT holder, token, expires_at FROM sb_lease WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new LeaseRow(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            return Optional.empty(); // the database restarting
        }
    }

    /** The pid of the node that holds that lease now, if a node does. */
    Optional<Long> holderPid(String name) {
        return lease(name).filter(LeaseRow::live).map(LeaseRow::pid);
    }

    boolean revertPending(String changeId) {
        return !strings("SELECT id FROM sb_revert WHERE id = ?", changeId).isEmpty();
    }

    /** The audit's JSON lines in the order they arrived (by inserting transaction: each INSERT commits alone). */
    List<String> auditLines() {
        return strings("SELECT entry FROM sb_audit ORDER BY xmin::text::bigint");
    }

    /** The stored grant's generation, -1 when none is stored. */
    long grantGeneration() {
        List<String> found = strings("SELECT generation FROM sb_grant");
        return found.isEmpty() ? -1 : Long.parseLong(found.get(0));
    }

    /** The broker's own store code on the schema, to decrypt what the nodes wrote (a reader, as a third node). */
    JdbcClusterState reader(Path scratch, String orgId) {
        return new JdbcClusterState(database, "test-reader",
                StoreWatcher.keyring(scratch.resolve("reader"), Servers.STORE_KEY_ID + "=" + Servers.STORE_KEY), orgId,
                Clock.systemUTC());
    }

    private List<String> strings(String sql, Object... parameters) {
        try (Connection c = database.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<String> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
                return found;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
