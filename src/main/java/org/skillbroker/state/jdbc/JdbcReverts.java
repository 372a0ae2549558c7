package org.skillbroker.state.jdbc;

import org.skillbroker.state.PendingRevert;
import org.skillbroker.state.PendingReverts;
import org.skillbroker.state.StoreUnavailableException;
import org.skillbroker.state.StoreWriteException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Pending reverts as rows of {@code sb_revert}; removing is a DELETE whose row count says who removed it. */
final class JdbcReverts implements PendingReverts {

    private final Db db;

    JdbcReverts(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void put(PendingRevert revert) throws StoreWriteException {
        boolean stored;
        try {
            stored = db.run(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE sb_revert SET due_at = ?, body = ? WHERE id = ?")) {
                    ps.setLong(1, revert.dueAt().toEpochMilli());
                    ps.setString(2, revert.body());
                    ps.setString(3, revert.id());
                    if (ps.executeUpdate() == 1) {
                        return true;
                    }
                }
                if (count(c) >= MAX_PENDING) {
                    return false;
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO sb_revert (id, due_at, body) VALUES (?, ?, ?)")) {
                    ps.setString(1, revert.id());
                    ps.setLong(2, revert.dueAt().toEpochMilli());
                    ps.setString(3, revert.body());
                    ps.executeUpdate();
                    return true;
                }
            });
        } catch (StoreUnavailableException e) {
            throw new StoreWriteException("database " + db.name(), "cannot store a pending revert (" + e.getMessage()
                    + ")", e);
        }
        if (!stored) {
            throw new StoreWriteException("database " + db.name(), "already " + MAX_PENDING + " pending reverts");
        }
    }

    @Override
    public Optional<PendingRevert> get(String id) {
        String checked = new PendingRevert(id, Instant.EPOCH, "").id();
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, due_at, body FROM sb_revert WHERE id = ?")) {
                ps.setString(1, checked);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(revert(rs)) : Optional.<PendingRevert>empty();
                }
            }
        });
    }

    @Override
    public List<PendingRevert> list() {
        return db.run(c -> {
            List<PendingRevert> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, due_at, body FROM sb_revert ORDER BY due_at, id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(revert(rs));
                }
            }
            return all;
        });
    }

    @Override
    public boolean remove(String id) throws StoreWriteException {
        String checked = new PendingRevert(id, Instant.EPOCH, "").id();
        try {
            return db.run(c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM sb_revert WHERE id = ?")) {
                    ps.setString(1, checked);
                    return ps.executeUpdate() == 1;
                }
            });
        } catch (StoreUnavailableException e) {
            throw new StoreWriteException("database " + db.name(), "cannot remove a pending revert (" + e.getMessage()
                    + ")", e);
        }
    }

    private static PendingRevert revert(ResultSet rs) throws SQLException {
        return new PendingRevert(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3));
    }

    private static long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM sb_revert");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
