package org.skillbroker.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skillbroker.simulator.MutableClock;
import org.skillbroker.state.file.FileClusterState;
import org.skillbroker.state.jdbc.JdbcClusterState;
import org.skillbroker.state.jdbc.Postgres;
import org.skillbroker.token.Administrator;
import org.skillbroker.token.Grant;
import org.skillbroker.token.GrantStatus;
import org.skillbroker.token.Keyring;
import org.skillbroker.token.TokenSet;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Switching stores: file to database and back, with a real PostgreSQL. */
class StoreImportTest {

    private static final String ORG = "org-import";
    private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");
    private final MutableClock clock = new MutableClock(NOW);

    @TempDir
    Path tmp;

    private static Grant grant(long generation) {
        return new Grant(new TokenSet("access-" + generation, NOW.plusSeconds(600), "refresh", NOW.plusSeconds(86400),
                Set.of("cjp:config_write"), NOW), ORG, new Administrator("p", "Ada", "ada@example.com"), NOW,
                GrantStatus.ACTIVE, null, null, generation);
    }

    private FileClusterState directory(String name, Keyring keyring) {
        return new FileClusterState(tmp.resolve(name), keyring, ORG, Optional.empty(), 1 << 20, 0, clock);
    }

    @Test
    void theGrantAndPendingRevertsMoveToTheDatabaseAndBack() throws Exception {
        Keyring keys = Keyring.of("k1", key(7));
        FileClusterState files = directory("old", keys);
        files.grant().save(grant(4));
        files.reverts().put(new PendingRevert("r-1", NOW.plusSeconds(60), "{\"x\":1}"));
        files.reverts().put(new PendingRevert("r-2", NOW.plusSeconds(90), "{\"x\":2}"));
        JdbcClusterState database = new JdbcClusterState(Postgres.shared().pooledFreshSchema(), "db", keys, ORG,
                clock);
        database.reverts().put(new PendingRevert("r-2", NOW.plusSeconds(30), "{\"kept\":true}"));

        StoreImport.Result result = StoreImport.run(directory("old", keys), database);

        assertTrue(result.grantMoved(), result.describe());
        assertEquals(1, result.revertsMoved(), "r-2 was there already");
        assertEquals(Optional.of(grant(4)), database.grant().load());
        assertEquals(List.of("r-2", "r-1"), database.reverts().list().stream().map(PendingRevert::id).toList());
        assertEquals("{\"kept\":true}", database.reverts().get("r-2").orElseThrow().body());
        assertEquals(Optional.of(grant(4)), files.grant().load(), "the old store is left as it was");

        // starting again with the setting still there changes nothing, even after a newer grant was written
        database.grant().compareAndSave(4, grant(5), Optional.empty());
        StoreImport.Result again = StoreImport.run(directory("old", keys), database);
        assertFalse(again.grantMoved());
        assertEquals(0, again.revertsMoved());
        assertEquals(5, database.grant().load().orElseThrow().generation());

        // and back: database -> a new directory
        FileClusterState back = directory("new", keys);
        StoreImport.Result backwards = StoreImport.run(database, back);
        assertTrue(backwards.grantMoved());
        assertEquals(2, backwards.revertsMoved());
        assertEquals(5, directory("new", keys).grant().load().orElseThrow().generation());
    }

    @Test
    void anUnreadableSourceIsReportedAndNothingMoves() throws Exception {
        directory("old", Keyring.of("k1", key(1))).grant().save(grant(1));
        FileClusterState target = directory("new", Keyring.of("k1", key(2)));

        StoreImport.Result result = StoreImport.run(directory("old", Keyring.of("k1", key(2))), target);

        assertTrue(result.problem().isPresent(), result.describe());
        assertTrue(result.describe().startsWith("import from file directory"), result.describe());
        assertEquals(Optional.empty(), target.grant().load());
    }

    private static byte[] key(int seed) {
        byte[] key = new byte[Keyring.KEY_BYTES];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 13 + i);
        }
        return key;
    }
}
