package org.skillbroker.state.jdbc;

import org.skillbroker.audit.AuditEntry;
import org.skillbroker.state.AuditLog;
import org.skillbroker.state.StoreUnavailableException;
import org.skillbroker.state.StoreWriteException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The audit trail as rows of {@code sb_audit}: the broker only ever INSERTs and SELECTs them (grant its database
 * user no UPDATE or DELETE on the table to make that a promise of the database too). Each row holds the entry's
 * JSON line, with its time and profile id in columns for the queries.
 */
final class JdbcAudit implements AuditLog {

    private final Db db;

    private final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();

    JdbcAudit(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void append(AuditEntry entry) throws StoreWriteException {
        try {
            db.run(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO sb_audit (id, entry_time, resource_id, entry) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, rowId(entry.time()));
                    ps.setLong(2, entry.time().toEpochMilli());
                    ps.setString(3, entry.profileId().length() > 200 ? entry.profileId().substring(0, 200)
                            : entry.profileId());
                    ps.setString(4, entry.toJson());
                    return ps.executeUpdate();
                }
            });
        } catch (StoreUnavailableException e) {
            throw new StoreWriteException("database " + db.name(), "cannot append to sb_audit (" + e.getMessage()
                    + ")", e);
        }
    }

    /**
     * A row id that sorts as this node appended: the entry's millisecond, this node's sequence, then random (two
     * nodes' entries of one millisecond have no order between them, and need none). 36 characters, as the column.
     */
    private String rowId(Instant time) {
        String random = UUID.randomUUID().toString().replace("-", "");
        return String.format(java.util.Locale.ROOT, "%013d-%010d-%s", time.toEpochMilli(),
                sequence.incrementAndGet() % 10_000_000_000L, random.substring(0, 11));
    }

    @Override
    public List<AuditEntry> history(String resourceId, Optional<Instant> before, int limit) {
        Objects.requireNonNull(resourceId, "resourceId");
        long until = before.map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
        return query("SELECT entry FROM sb_audit WHERE resource_id = ? AND entry_time < ? "
                + "ORDER BY entry_time DESC, id DESC", limit, resourceId, until);
    }

    @Override
    public List<AuditEntry> latest(int limit) {
        return query("SELECT entry FROM sb_audit ORDER BY entry_time DESC, id DESC", limit);
    }

    private List<AuditEntry> query(String sql, int limit, Object... parameters) {
        int max = Math.max(0, Math.min(limit, MAX_PAGE));
        if (max == 0) {
            return List.of();
        }
        return db.run(c -> {
            List<AuditEntry> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setMaxRows(max); // portable row limit: no LIMIT / FETCH FIRST / TOP dialects
                for (int i = 0; i < parameters.length; i++) {
                    ps.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && found.size() < max) {
                        try {
                            found.add(AuditEntry.fromJson(rs.getString(1)));
                        } catch (IllegalArgumentException e) {
                            // a row not written by the broker: skip it
                        }
                    }
                }
            }
            return found;
        });
    }

}
