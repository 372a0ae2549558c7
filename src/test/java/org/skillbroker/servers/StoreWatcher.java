package org.skillbroker.servers;

import org.skillbroker.token.Grant;
import org.skillbroker.state.GrantSlot;
import org.skillbroker.state.file.GrantStore;
import org.skillbroker.token.KeySettings;
import org.skillbroker.token.Keyring;
import org.skillbroker.token.KeyringLoader;
import org.skillbroker.state.StoreUnreadableException;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decrypts the shared store file over and over, with the broker's own classes and the nodes' key, while the nodes
 * write it and die: every read must decrypt, and the grant's generation must never go backwards.
 */
public final class StoreWatcher implements Runnable {

    private final GrantSlot store;
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong highestGeneration = new AtomicLong(-1);
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final List<java.time.Instant> unavailable = Collections.synchronizedList(new ArrayList<>());

    public StoreWatcher(Path storeDir, String keys, String orgId) {
        this(new GrantStore(storeDir, keyring(storeDir, keys), orgId, Clock.systemUTC()));
    }

    /** Watches any store's grant (the database's row, say). */
    public StoreWatcher(GrantSlot store) {
        this.store = store;
    }

    public static Keyring keyring(Path near, String keys) {
        return new KeyringLoader(Clock.systemUTC())
                .load(KeySettings.inline(keys, near.resolveSibling("unused-generated.key")));
    }

    @Override
    public void run() {
        try {
            Optional<Grant> grant = store.load();
            if (grant.isPresent()) {
                reads.incrementAndGet();
                long generation = grant.get().generation();
                long before = highestGeneration.getAndAccumulate(generation, Math::max);
                if (generation < before) {
                    problems.add("generation went back from " + before + " to " + generation);
                }
            }
        } catch (StoreUnreadableException e) {
            problems.add(e.getMessage());
        } catch (org.skillbroker.state.StoreUnavailableException e) {
            unavailable.add(java.time.Instant.now()); // the database away: not a problem of what is stored
        } catch (RuntimeException e) {
            problems.add(e.toString());
        }
    }

    public int reads() {
        return reads.get();
    }

    public long highestGeneration() {
        return highestGeneration.get();
    }

    /** When the store could not be reached at all (a database outage). */
    public List<java.time.Instant> unavailable() {
        return List.copyOf(unavailable);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }
}
