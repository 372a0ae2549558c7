package org.skillbroker.state.jdbc;

import org.skillbroker.state.CallBudget;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The call budget as one row per window in {@code sb_budget}. Taking is one conditional UPDATE, so the database
 * serialises nodes; the first taker of a window INSERTs its row. Windows older than an hour are deleted when a
 * new one starts.
 */
final class JdbcBudget implements CallBudget {

    private static final Duration KEEP = Duration.ofHours(1);

    private final Db db;

    JdbcBudget(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public boolean tryTake(Instant windowStart, int n, int limit) {
        if (!CallBudget.fits(0, n, limit)) {
            return false; // more than a whole window allows (and a negative n is refused)
        }
        long window = windowStart.toEpochMilli();
        return db.run(c -> {
            for (int attempt = 0; attempt < 2; attempt++) {
                try (PreparedStatement ps = c.prepareStatement(
                        // CallBudget.fits, decided by the database so that two nodes cannot both take the last call
                        "UPDATE sb_budget SET used = used + ? WHERE window_start = ? AND used + ? <= ?")) {
                    ps.setLong(1, n);
                    ps.setLong(2, window);
                    ps.setLong(3, n);
                    ps.setLong(4, limit);
                    if (ps.executeUpdate() == 1) {
                        return true;
                    }
                }
                if (exists(c, window)) {
                    return false;
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO sb_budget (window_start, used) VALUES (?, ?)")) {
                    ps.setLong(1, window);
                    ps.setLong(2, n);
                    ps.executeUpdate();
                } catch (SQLException e) {
                    if (Dialect.isConstraintViolation(e)) {
                        continue; // another node opened the window first: take from it
                    }
                    throw e;
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM sb_budget WHERE window_start < ?")) {
                    ps.setLong(1, window - KEEP.toMillis());
                    ps.executeUpdate();
                }
                return true;
            }
            return false;
        });
    }

    @Override
    public long used(Instant windowStart) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT used FROM sb_budget WHERE window_start = ?")) {
                ps.setLong(1, windowStart.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    private static boolean exists(java.sql.Connection c, long window) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT used FROM sb_budget WHERE window_start = ?")) {
            ps.setLong(1, window);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
