package org.skillbroker.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the current deployment has stored, seen the same way whichever store it uses: the files of its store
 * directory or the rows of its database schema ({@link BrokerEnvironment#databaseStore()}). Tests read, corrupt
 * and wipe the stored state as an operator or a fault would: the directory with file operations, the database with
 * SQL, never through the broker's own classes.
 */
public final class StoredState {

    private static final String GRANT_FILE = "grant.enc";
    private static final String AUDIT_FILE = "audit.log";
    /** Every table the broker writes (Schema, version 1); sb_schema stays, as the directory itself does. */
    private static final List<String> TABLES = List.of("sb_grant", "sb_grant_aside", "sb_lease", "sb_revert",
            "sb_audit", "sb_budget");

    private StoredState() {
    }

    private static boolean inDatabase() {
        return BrokerEnvironment.databaseStore();
    }

    private static Path dir() {
        return BrokerEnvironment.storeDir();
    }

    /** What errors and health details name as the grant's place: the file's name or the table's. */
    public static String grantName() {
        return inDatabase() ? "sb_grant" : GRANT_FILE;
    }

    /** What would tell a stranger where the state lives: the directory's path or the DataSource's JNDI name. */
    public static String location() {
        return inDatabase() ? BrokerEnvironment.DATASOURCE : dir().toString();
    }

    public static boolean hasGrant() {
        return sealedGrant().isPresent();
    }

    /** The stored grant's sealed envelope as stored (JSON text, encrypted inside), if there is one. */
    public static Optional<String> sealedGrant() {
        if (inDatabase()) {
            List<String> rows = strings("SELECT sealed FROM sb_grant");
            return rows.stream().findFirst();
        }
        Path file = dir().resolve(GRANT_FILE);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.ISO_8859_1))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the stored envelope with {@code sealed} as a fault would (a truncation, a flipped byte). */
    public static void overwriteGrant(String sealed) {
        if (inDatabase()) {
            int rows = update("UPDATE sb_grant SET sealed = ?", sealed);
            if (rows != 1) {
                throw new AssertionError("no grant row to overwrite");
            }
            return;
        }
        try {
            Files.writeString(dir().resolve(GRANT_FILE), sealed, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the stored grant, as an operator wiping it would (the broker may still hold it in memory). */
    public static void deleteGrant() {
        if (inDatabase()) {
            update("DELETE FROM sb_grant");
            return;
        }
        try {
            Files.delete(dir().resolve(GRANT_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The envelopes the broker kept aside because it could not read them. */
    public static List<String> grantsAside() {
        if (inDatabase()) {
            return strings("SELECT sealed FROM sb_grant_aside ORDER BY aside_at");
        }
        try (Stream<Path> files = Files.list(dir())) {
            List<String> aside = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(GRANT_FILE + ".unreadable-"))
                    .sorted().toList()) {
                aside.add(Files.readString(file, StandardCharsets.ISO_8859_1));
            }
            return aside;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Wipes everything stored: grant, leases, pending reverts, audit, budget. */
    public static void clear() {
        if (inDatabase()) {
            for (String table : TABLES) {
                update("DELETE FROM " + table);
            }
            return;
        }
        try (Stream<Path> files = Files.list(dir())) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The audit trail's JSON lines, oldest first (empty when nothing was audited yet). */
    public static List<String> auditLines() {
        if (inDatabase()) {
            // insertion order: each INSERT commits on its own, so the inserting transaction id (xmin) grows with
            // every row (PostgreSQL; a row may land in any page with room, so ctid is not the order; entry_time ties)
            return strings("SELECT entry FROM sb_audit ORDER BY xmin::text::bigint");
        }
        Path file = dir().resolve(AUDIT_FILE);
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(String sql) {
        try (Connection c = BrokerEnvironment.database().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<String> found = new ArrayList<>();
            while (rs.next()) {
                found.add(rs.getString(1));
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static int update(String sql, Object... parameters) {
        try (Connection c = BrokerEnvironment.database().getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
