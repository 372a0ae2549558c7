package org.skillbroker.state.jdbc;

import org.junit.jupiter.api.Test;
import org.skillbroker.simulator.MutableClock;
import org.skillbroker.state.ClusterState;
import org.skillbroker.state.ClusterStateContract;
import org.skillbroker.state.StoreUnreadableException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract on a real PostgreSQL, plus what only a database has: schema versions, the sealed grant column. */
class JdbcClusterStateTest extends ClusterStateContract {

    private javax.sql.DataSource dataSource;

    @Override
    protected ClusterState open(MutableClock clock) {
        if (dataSource == null) {
            dataSource = Postgres.shared().pooledFreshSchema();
        }
        return new JdbcClusterState(dataSource, "test-db", KEYRING, ORG, clock);
    }

    @Test
    void theSchemaIsVersionedAndANewerOneIsRefused() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT version FROM sb_schema")) {
                assertTrue(rs.next());
                assertEquals(Schema.CURRENT, rs.getInt(1));
            }
            s.executeUpdate("UPDATE sb_schema SET version = " + (Schema.CURRENT + 1));
        }

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new JdbcClusterState(dataSource, "test-db", KEYRING, ORG, clock));
        assertTrue(e.getMessage().contains("newer than this broker"), e.getMessage());
    }

    @Test
    void theGrantIsSealedInTheDatabaseAndTheKeyNeverGoesThere() throws Exception {
        node1.grant().save(grant(3));

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT generation, sealed FROM sb_grant")) {
            assertTrue(rs.next());
            assertEquals(3, rs.getLong(1));
            String sealed = rs.getString(2);
            assertTrue(sealed.startsWith("{\"format\":2,\"keyId\":\"k1\""), sealed);
            assertFalse(sealed.contains("access-3") || sealed.contains("refresh-3") || sealed.contains("ada@"));
        }
        var otherKey = org.skillbroker.token.Keyring.of("k1", new byte[] {
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
                29, 30, 31, 32});
        JdbcClusterState wrongKey = new JdbcClusterState(dataSource, "test-db", otherKey, ORG, clock);
        assertThrows(StoreUnreadableException.class, () -> wrongKey.grant().load());
        wrongKey.grant().save(grant(0)); // an admin reconnects: the unreadable grant is kept aside, not lost
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sb_grant_aside")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
        }
        assertEquals(Optional.of(grant(0)), wrongKey.grant().load());
    }

    /**
     * The audit is append-only by the database's own rights: a user granted only SELECT and INSERT on
     * {@code sb_audit} (as the README tells DBAs) runs the broker's audit, and cannot change or delete a row.
     */
    @Test
    void theAuditWorksForAUserWhoMayOnlyInsertAndSelectIt() throws Exception {
        node1.audit().append(entry(START, "p-a", "changed-0")); // the tables exist
        String schema;
        String role = "sb_append_only_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            schema = c.getSchema();
            s.executeUpdate("CREATE ROLE " + role + " LOGIN");
            s.executeUpdate("GRANT USAGE ON SCHEMA " + schema + " TO " + role);
            s.executeUpdate("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + role);
            s.executeUpdate("REVOKE UPDATE, DELETE ON " + schema + ".sb_audit FROM " + role);
        }
        org.postgresql.ds.PGSimpleDataSource restricted = Postgres.shared().dataSource(schema);
        restricted.setUser(role);
        JdbcClusterState broker = new JdbcClusterState(restricted, "restricted", KEYRING, ORG, clock);
        try {
            broker.audit().append(entry(START.plusSeconds(1), "p-a", "changed-1"));
            assertEquals(java.util.List.of("changed-1", "changed-0"), broker.audit().history("p-a", Optional.empty(), 5)
                    .stream().map(org.skillbroker.audit.AuditEntry::outcome).toList());
            try (Connection c = restricted.getConnection(); Statement s = c.createStatement()) {
                assertThrows(java.sql.SQLException.class, () -> s.executeUpdate("UPDATE sb_audit SET entry = 'x'"));
                assertThrows(java.sql.SQLException.class, () -> s.executeUpdate("DELETE FROM sb_audit"));
            }
        } finally {
            broker.close();
        }
    }
}
