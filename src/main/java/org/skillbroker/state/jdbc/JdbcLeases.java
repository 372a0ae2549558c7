package org.skillbroker.state.jdbc;

import org.skillbroker.state.Lease;
import org.skillbroker.state.LeaseRenewal;
import org.skillbroker.state.Leases;
import org.skillbroker.state.StoreUnavailableException;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Leases as rows of {@code sb_lease}, one per name, kept after release so that the name's fencing token only
 * ever grows (a released or expired lease is taken over by incrementing it). Each step is a single conditional
 * statement, so the database decides who wins; no database lock is held between statements, so a node that
 * dies holds nothing but a row whose time runs out.
 */
final class JdbcLeases implements Leases {

    private static final long POLL_MILLIS = 25;
    private static final int MAX_NAME = 200;
    private static final String NODE = ManagementFactory.getRuntimeMXBean().getName();
    private static final System.Logger LOG = System.getLogger(JdbcLeases.class.getName());

    private final Db db;
    private final Clock clock;
    private final LeaseRenewal renewal = new LeaseRenewal();

    JdbcLeases(Db db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<Lease> tryAcquire(String name, Duration ttl, Duration wait) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("a lease name has 1 to " + MAX_NAME + " characters");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a lease needs a positive time to live");
        }
        String holder = (NODE + "/" + UUID.randomUUID());
        if (holder.length() > 200) {
            holder = holder.substring(holder.length() - 200);
        }
        String me = holder;
        long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
        while (true) {
            Optional<Lease> taken = db.run(c -> take(c, name, me, ttl));
            if (taken.isPresent()) {
                ((Renewed) taken.get()).keepAlive();
                return taken;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private Optional<Lease> take(Connection c, String name, String holder, Duration ttl) throws SQLException {
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

    /** Stops the renewal thread: at undeploy. Leases still held then expire by themselves. */
    void close() {
        renewal.close();
    }

    private interface Renewed {
        void keepAlive();
    }

    private final class JdbcLease implements Lease, Renewed {
        private volatile ScheduledFuture<?> renewing;
        private final String name;
        private final String holder;
        private final long token;
        private final Duration ttl;
        private volatile long expiresAt;
        private volatile boolean closed;

        JdbcLease(String name, String holder, long token, long expiresAt, Duration ttl) {
            this.name = name;
            this.holder = holder;
            this.token = token;
            this.expiresAt = expiresAt;
            this.ttl = ttl;
        }

        @Override
        public void keepAlive() {
            renewing = renewal.keepAlive(this, ttl);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long fencingToken() {
            return token;
        }

        @Override
        public Instant expiresAt() {
            return Instant.ofEpochMilli(expiresAt);
        }

        @Override
        public boolean isCurrent() {
            if (closed) {
                return false;
            }
            return db.run(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT token FROM sb_lease WHERE name = ? AND token = ? AND expires_at > ?")) {
                    ps.setString(1, name);
                    ps.setLong(2, token);
                    ps.setLong(3, clock.millis());
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next();
                    }
                }
            });
        }

        @Override
        public boolean renew() {
            if (closed) {
                return false;
            }
            long now = clock.millis();
            long until = now + ttl.toMillis();
            boolean renewed = db.run(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE sb_lease SET expires_at = ? "
                        + "WHERE name = ? AND token = ? AND expires_at > ?")) {
                    ps.setLong(1, until);
                    ps.setString(2, name);
                    ps.setLong(3, token);
                    ps.setLong(4, now);
                    return ps.executeUpdate() == 1;
                }
            });
            if (renewed) {
                expiresAt = until;
            }
            return renewed;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            ScheduledFuture<?> r = renewing;
            if (r != null) {
                r.cancel(false);
            }
            try {
                db.run(c -> {
                    // expired at once, row and token kept: the next holder's token is larger
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE sb_lease SET expires_at = 0 WHERE name = ? AND token = ?")) {
                        ps.setString(1, name);
                        ps.setLong(2, token);
                        return ps.executeUpdate();
                    }
                });
            } catch (StoreUnavailableException e) {
                LOG.log(System.Logger.Level.WARNING, "could not release lease {0}; it expires at {1}", name,
                        expiresAt());
            }
        }

        @Override
        public String toString() {
            return "Lease[" + name + ", token " + token + ", " + holder + "]";
        }
    }
}
