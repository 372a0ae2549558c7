package org.skillbroker.state.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Creates or migrates the tables at start, recorded in {@code sb_schema}. Migrations only ever add: version N of
 * the broker runs on a schema it created or on one an older broker created; it refuses a schema that a newer
 * broker created, because it cannot know what that schema promises.
 *
 * <p>Every table name starts with {@code sb_} so the tables can share a schema with others. Times are epoch
 * milliseconds in 64-bit integers (no time-zone types, which differ between databases).
 */
final class Schema {

    /** The schema version this broker writes and understands. */
    static final int CURRENT = 1;

    private Schema() {
    }

    /** The statements that take a schema from version {@code n - 1} to {@code n}. */
    private static List<String> migration(int n, Dialect d) {
        return switch (n) {
            case 1 -> List.of(
                    "CREATE TABLE sb_grant (id INTEGER NOT NULL PRIMARY KEY, generation " + d.bigint() + " NOT NULL, "
                            + "version " + d.bigint() + " NOT NULL, sealed " + d.text() + " NOT NULL)",
                    "CREATE TABLE sb_grant_aside (aside_at " + d.bigint() + " NOT NULL, sealed " + d.text()
                            + " NOT NULL)",
                    "CREATE TABLE sb_lease (name VARCHAR(200) NOT NULL PRIMARY KEY, holder VARCHAR(200) NOT NULL, "
                            + "token " + d.bigint() + " NOT NULL, expires_at " + d.bigint() + " NOT NULL)",
                    "CREATE TABLE sb_revert (id VARCHAR(64) NOT NULL PRIMARY KEY, due_at " + d.bigint()
                            + " NOT NULL, body " + d.text() + " NOT NULL)",
                    "CREATE TABLE sb_audit (id VARCHAR(36) NOT NULL PRIMARY KEY, entry_time " + d.bigint()
                            + " NOT NULL, resource_id VARCHAR(200) NOT NULL, entry " + d.text() + " NOT NULL)",
                    "CREATE INDEX sb_audit_resource ON sb_audit (resource_id, entry_time)",
                    "CREATE INDEX sb_audit_time ON sb_audit (entry_time)",
                    "CREATE TABLE sb_budget (window_start " + d.bigint() + " NOT NULL PRIMARY KEY, used "
                            + d.bigint() + " NOT NULL)");
            default -> throw new IllegalArgumentException("no migration to version " + n);
        };
    }

    /** Thrown when the database holds a schema of a newer broker. */
    static final class TooNewException extends Exception {
        TooNewException(int found) {
            super("the database schema is version " + found + ", newer than this broker understands (" + CURRENT
                    + "); upgrade the broker or point it at another database");
        }
    }

    /**
     * Brings the schema to {@link #CURRENT}. Two nodes starting at once may both try: the loser's CREATE fails,
     * and it then finds the winner's version.
     */
    static void migrate(Connection connection, Dialect dialect) throws SQLException, TooNewException {
        for (int attempt = 0; ; attempt++) {
            int found = version(connection);
            if (found > CURRENT) {
                throw new TooNewException(found);
            }
            if (found == CURRENT) {
                return;
            }
            try {
                apply(connection, dialect, found);
                return;
            } catch (SQLException e) {
                if (attempt > 0) {
                    throw e;
                }
                // another node migrating at the same moment: look again
            }
        }
    }

    private static void apply(Connection connection, Dialect dialect, int from) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            if (from == 0) {
                statement.executeUpdate("CREATE TABLE sb_schema (version INTEGER NOT NULL)");
                statement.executeUpdate("INSERT INTO sb_schema (version) VALUES (0)");
            }
            for (int n = from + 1; n <= CURRENT; n++) {
                for (String sql : migration(n, dialect)) {
                    statement.executeUpdate(sql);
                }
                statement.executeUpdate("UPDATE sb_schema SET version = " + n);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** 0 when there is no {@code sb_schema} table yet. */
    static int version(Connection connection) throws SQLException {
        if (!tableExists(connection, "sb_schema")) {
            return 0;
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT version FROM sb_schema")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** The connection's own schema, so a table of the same name in another schema does not count. */
    private static String currentSchema(Connection connection) {
        try {
            return connection.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            return null;
        }
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        var meta = connection.getMetaData();
        // identifiers are folded to lower case by PostgreSQL and to upper case by most others
        for (String name : List.of(table, table.toUpperCase(java.util.Locale.ROOT))) {
            try (ResultSet rs = meta.getTables(connection.getCatalog(), currentSchema(connection), name,
                    new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
