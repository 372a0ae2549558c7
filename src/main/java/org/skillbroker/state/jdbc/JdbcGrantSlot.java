package org.skillbroker.state.jdbc;

import org.skillbroker.state.GrantSlot;
import org.skillbroker.state.Lease;
import org.skillbroker.state.StoreUnavailableException;
import org.skillbroker.state.StoreUnreadableException;
import org.skillbroker.state.StoreWriteException;
import org.skillbroker.token.Grant;
import org.skillbroker.token.GrantCodec;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The grant in one row of {@code sb_grant} (id 1): the same sealed envelope as the file store's {@code grant.enc}
 * (AES-GCM under the configured keyring; the key never reaches the database), its generation in clear for the
 * compare-and-set, and a version that grows with every write for the cheap change check. An unreadable grant is
 * copied to {@code sb_grant_aside} before it is replaced, never lost.
 */
final class JdbcGrantSlot implements GrantSlot {

    private static final int ROW = 1;
    private static final System.Logger LOG = System.getLogger(JdbcGrantSlot.class.getName());

    private final Db db;
    private final GrantCodec codec;
    private final Clock clock;
    private volatile Object lastStamp = "unknown";

    JdbcGrantSlot(Db db, GrantCodec codec, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private record Row(long generation, long version, String sealed) {
    }

    @Override
    public String location() {
        return "database " + db.name() + " (table sb_grant)";
    }

    @Override
    public Optional<Grant> load() throws StoreUnreadableException {
        Optional<Row> row = db.run(JdbcGrantSlot::read);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        GrantCodec.Decoded decoded = codec.decode(location(), row.get().sealed.getBytes(StandardCharsets.UTF_8));
        if (decoded.outdated()) {
            reencrypt(row.get(), decoded.grant());
        }
        return Optional.of(decoded.grant());
    }

    private void reencrypt(Row row, Grant grant) {
        String sealed = seal(grant);
        try {
            int n = db.run(c -> update(c, row, row.generation, sealed));
            if (n == 1) {
                LOG.log(System.Logger.Level.INFO, "re-encrypted the grant in {0} under the primary key", db.name());
            }
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "could not re-encrypt the grant in {0}; the next load retries",
                    db.name());
        }
    }

    @Override
    public void save(Grant grant) throws StoreWriteException {
        String sealed = seal(Objects.requireNonNull(grant, "grant"));
        try {
            db.run(c -> {
                Optional<Row> existing = read(c);
                if (existing.isEmpty() && insert(c, grant.generation(), sealed)) {
                    return null;
                }
                if (existing.isEmpty()) {
                    existing = read(c); // another node's first write came in between: replace it
                }
                if (existing.isEmpty()) {
                    throw new SQLException("the grant row appeared and vanished during a write");
                }
                if (!readable(existing.get())) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO sb_grant_aside (aside_at, sealed) VALUES (?, ?)")) {
                        ps.setLong(1, clock.millis());
                        ps.setString(2, existing.get().sealed);
                        ps.executeUpdate();
                    }
                    LOG.log(System.Logger.Level.WARNING, "the stored grant was unreadable; kept it in sb_grant_aside "
                            + "before writing a new one");
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE sb_grant SET generation = ?, "
                        + "version = version + 1, sealed = ? WHERE id = ?")) {
                    ps.setLong(1, grant.generation());
                    ps.setString(2, sealed);
                    ps.setInt(3, ROW);
                    ps.executeUpdate();
                }
                return null;
            });
        } catch (StoreUnavailableException e) {
            throw new StoreWriteException(location(), "cannot write (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public boolean compareAndSave(long expectedGeneration, Grant grant, Optional<Lease> fence)
            throws StoreUnreadableException, StoreWriteException {
        String sealed = seal(Objects.requireNonNull(grant, "grant"));
        Optional<Row> existing;
        try {
            existing = db.run(JdbcGrantSlot::read);
        } catch (StoreUnavailableException e) {
            throw new StoreWriteException(location(), "cannot read the stored grant (" + e.getMessage() + ")", e);
        }
        if (existing.isPresent()) {
            // as the file store: never replace what this node cannot read (another key) by a compare-and-set
            codec.decode(location(), existing.get().sealed.getBytes(StandardCharsets.UTF_8));
        }
        long stored = existing.map(Row::generation).orElse(NO_GRANT);
        if (stored != expectedGeneration) {
            return false;
        }
        try {
            return db.run(c -> {
                c.setAutoCommit(false);
                try {
                    // the lease row stays locked until commit, so no one takes the lease over while we write
                    if (fence.isPresent() && !JdbcLeases.lockIfCurrent(c, fence.get(), clock.millis())) {
                        c.rollback();
                        LOG.log(System.Logger.Level.WARNING, "not writing the grant: lease {0} (fencing token {1}) "
                                + "was lost", fence.get().name(), fence.get().fencingToken());
                        return false;
                    }
                    boolean written;
                    if (existing.isEmpty()) {
                        written = insert(c, grant.generation(), sealed);
                    } else {
                        written = update(c, existing.get(), grant.generation(), sealed) == 1;
                    }
                    if (written) {
                        c.commit();
                    } else {
                        c.rollback();
                    }
                    return written;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            });
        } catch (StoreUnavailableException e) {
            throw new StoreWriteException(location(), "cannot write (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void delete() throws StoreWriteException {
        try {
            db.run(c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM sb_grant WHERE id = ?")) {
                    ps.setInt(1, ROW);
                    return ps.executeUpdate();
                }
            });
        } catch (StoreUnavailableException e) {
            throw new StoreWriteException(location(), "cannot delete (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public Object stamp() {
        try {
            Object stamp = db.run(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT version FROM sb_grant WHERE id = ?")) {
                    ps.setInt(1, ROW);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? (Object) rs.getLong(1) : "none";
                    }
                }
            });
            lastStamp = stamp;
            return stamp;
        } catch (StoreUnavailableException e) {
            return lastStamp;
        }
    }

    private String seal(Grant grant) {
        return new String(codec.encode(grant), StandardCharsets.UTF_8);
    }

    private boolean readable(Row row) {
        try {
            codec.decode(location(), row.sealed.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (StoreUnreadableException e) {
            return false;
        }
    }

    private static Optional<Row> read(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT generation, version, sealed FROM sb_grant WHERE id = ?")) {
            ps.setInt(1, ROW);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getLong(1), rs.getLong(2), rs.getString(3))) : Optional.empty();
            }
        }
    }

    /** @return false if a row appeared meanwhile (another node's first write) */
    private static boolean insert(Connection c, long generation, String sealed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sb_grant (id, generation, version, sealed) VALUES (?, ?, 1, ?)")) {
            ps.setInt(1, ROW);
            ps.setLong(2, generation);
            ps.setString(3, sealed);
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Dialect.isConstraintViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Replaces the row only if it is still the one read (same version). */
    private static int update(Connection c, Row expected, long generation, String sealed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sb_grant SET generation = ?, version = version + 1, "
                + "sealed = ? WHERE id = ? AND version = ?")) {
            ps.setLong(1, generation);
            ps.setString(2, sealed);
            ps.setInt(3, ROW);
            ps.setLong(4, expected.version);
            return ps.executeUpdate();
        }
    }
}
