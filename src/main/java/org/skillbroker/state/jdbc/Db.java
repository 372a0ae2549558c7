package org.skillbroker.state.jdbc;

import org.skillbroker.state.StoreUnavailableException;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Every use of the DataSource goes through here: a connection per operation (the container pools them), the
 * schema checked once before the first use, and failures turned into {@link StoreUnavailableException} with the
 * outage remembered for {@code /health}. While the database is failing, calls fail fast for a short pause
 * instead of each waiting for a connection timeout, so requests that can go on without the database (reads
 * with a valid cached token) are not held up by it.
 */
final class Db {

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    static final Duration FAIL_FAST = Duration.ofMillis(500);
    private static final System.Logger LOG = System.getLogger(Db.class.getName());

    private final DataSource dataSource;
    private final String name;
    private final Clock clock;
    private volatile Dialect dialect;
    private volatile boolean schemaReady;
    private volatile String outage;
    private volatile Instant failedAt;

    Db(DataSource dataSource, String name, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.name = Objects.requireNonNull(name, "name");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    String name() {
        return name;
    }

    /** Checks or creates the schema now; a database that is down is no error here (checked again at first use). */
    void prepare() throws Schema.TooNewException {
        try (Connection connection = dataSource.getConnection()) {
            ensureSchema(connection);
            recovered();
        } catch (SQLException e) {
            failed(e);
            LOG.log(System.Logger.Level.WARNING, "Database {0} not reachable at start ({1}); the broker starts and "
                    + "tries again at first use", name, describe(e));
        }
    }

    /** One statement or a few in auto-commit mode. */
    <T> T run(Work<T> work) {
        return use(false, work);
    }

    /** Several statements that commit together or not at all. */
    <T> T transaction(Work<T> work) {
        return use(true, work);
    }

    Optional<String> outage() {
        return Optional.ofNullable(outage);
    }

    Dialect dialect() {
        return dialect;
    }

    private <T> T use(boolean transaction, Work<T> work) {
        Instant failed = failedAt;
        if (failed != null && clock.instant().isBefore(failed.plus(FAIL_FAST))) {
            throw new StoreUnavailableException("database " + name + " unavailable: " + outage, null);
        }
        try (Connection connection = dataSource.getConnection()) {
            ensureSchema(connection);
            T result;
            if (transaction) {
                connection.setAutoCommit(false);
                try {
                    result = work.run(connection);
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(connection);
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            } else {
                result = work.run(connection);
            }
            recovered();
            return result;
        } catch (SQLException e) {
            failed(e);
            throw new StoreUnavailableException("database " + name + " unavailable: " + describe(e), e);
        } catch (Schema.TooNewException e) {
            outage = e.getMessage();
            throw new StoreUnavailableException(e.getMessage(), e);
        }
    }

    private void ensureSchema(Connection connection) throws SQLException, Schema.TooNewException {
        if (schemaReady) {
            return;
        }
        synchronized (this) {
            if (!schemaReady) {
                dialect = Dialect.of(connection.getMetaData().getDatabaseProductName());
                Schema.migrate(connection, dialect);
                schemaReady = true;
            }
        }
    }

    private void failed(SQLException e) {
        String why = describe(e);
        if (outage == null) {
            LOG.log(System.Logger.Level.ERROR, "Database {0} unavailable: {1}", name, why);
        }
        outage = why;
        failedAt = clock.instant();
    }

    private void recovered() {
        if (outage != null) {
            LOG.log(System.Logger.Level.INFO, "Database {0} available again", name);
        }
        outage = null;
        failedAt = null;
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is broken; the pool discards it
        }
    }

    /** The SQLSTATE and the exception's kind: driver messages may quote statement text, never values we bind. */
    static String describe(SQLException e) {
        String state = e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")";
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        if (message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        return e.getClass().getSimpleName() + state + (message.isEmpty() ? "" : ": " + message);
    }
}
