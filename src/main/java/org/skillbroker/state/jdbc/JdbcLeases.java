package org.skillbroker.state.jdbc;

import org.skillbroker.state.Lease;
import org.skillbroker.state.PolledLeases;
import org.skillbroker.state.StoredLease;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Leases as rows of {@code sb_lease}, one per name, kept after release so that the name's fencing token only
 * ever grows (a released or expired lease is taken over by incrementing it). Each step is a single conditional
 * statement, so the database decides who wins; no database lock is held between statements, so a node that
 * dies holds nothing but a row whose time runs out.
 */
final class JdbcLeases extends PolledLeases {

    private static final Duration POLL = Duration.ofMillis(25);

    private final Db db;
    private final Clock clock;

    JdbcLeases(Db db, Clock clock) {
        super(POLL);
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    protected Optional<StoredLease> tryTake(String name, String holder, Duration ttl) {
        return db.run(c -> take(c, name, holder, ttl));
    }

    private Optional<StoredLease> take(Connection c, String name, String holder, Duration ttl) throws SQLException {
        long now = clock.millis();
        long until = now + ttl.toMillis();
        try (PreparedStatement ps = c.prepareStatement("UPDATE sb_lease SET holder = ?, token = token + 1, "
                + "expires_at = ? WHERE name = ? AND expires_at <= ?")) {
            ps.setString(1, holder);
            ps.setLong(2, until);
            ps.setString(3, name);
            ps.setLong(4, now);
            if (ps.executeUpdate() == 1) {
                return tokenOf(c, name, holder).map(token -> new JdbcLease(name, holder, token, until, ttl));
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sb_lease (name, holder, token, expires_at) VALUES (?, ?, 1, ?)")) {
            ps.setString(1, name);
            ps.setString(2, holder);
            ps.setLong(3, until);
            ps.executeUpdate();
            return Optional.of(new JdbcLease(name, holder, 1, until, ttl));
        } catch (SQLException e) {
            if (Dialect.isConstraintViolation(e)) {
                return Optional.empty(); // the name exists and is held
            }
            throw e;
        }
    }

    private static Optional<Long> tokenOf(Connection c, String name, String holder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT token FROM sb_lease WHERE name = ? AND holder = ?")) {
            ps.setString(1, name);
            ps.setString(2, holder);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /**
     * Within the caller's transaction: locks the lease's row if the lease is still current, so that nobody takes
     * it over before the caller commits. A row lock through a no-op UPDATE is the portable way (no SELECT ... FOR
     * UPDATE, which SQL Server lacks).
     */
    static boolean lockIfCurrent(Connection c, Lease lease, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sb_lease SET expires_at = expires_at "
                + "WHERE name = ? AND token = ? AND expires_at > ?")) {
            ps.setString(1, lease.name());
            ps.setLong(2, lease.fencingToken());
            ps.setLong(3, now);
            return ps.executeUpdate() == 1;
        }
    }

    /** A lease as its row: this token, unexpired. Released rows stay, so the token only grows. */
    private final class JdbcLease extends StoredLease {

        JdbcLease(String name, String holder, long token, long expiresAt, Duration ttl) {
            super(name, holder, token, Instant.ofEpochMilli(expiresAt), ttl, clock);
        }

        @Override
        protected boolean currentInStore(Instant now) {
            return db.run(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT token FROM sb_lease WHERE name = ? AND token = ? AND expires_at > ?")) {
                    ps.setString(1, name());
                    ps.setLong(2, fencingToken());
                    ps.setLong(3, now.toEpochMilli());
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next();
                    }
                }
            });
        }

        @Override
        protected boolean extendInStore(Instant now, Instant until) {
            return db.run(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE sb_lease SET expires_at = ? "
                        + "WHERE name = ? AND token = ? AND expires_at > ?")) {
                    ps.setLong(1, until.toEpochMilli());
                    ps.setString(2, name());
                    ps.setLong(3, fencingToken());
                    ps.setLong(4, now.toEpochMilli());
                    return ps.executeUpdate() == 1;
                }
            });
        }

        @Override
        protected void releaseInStore() {
            db.run(c -> {
                // expired at once, row and token kept: the next holder's token is larger
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE sb_lease SET expires_at = 0 WHERE name = ? AND token = ?")) {
                    ps.setString(1, name());
                    ps.setLong(2, fencingToken());
                    return ps.executeUpdate();
                }
            });
        }

        @Override
        public String toString() {
            return "Lease[" + name() + ", token " + fencingToken() + ", " + holder() + "]";
        }
    }
}
