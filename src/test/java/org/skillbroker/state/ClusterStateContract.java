package org.skillbroker.state;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skillbroker.audit.AuditEntry;
import org.skillbroker.simulator.MutableClock;
import org.skillbroker.changes.FieldChange;
import org.skillbroker.token.Administrator;
import org.skillbroker.token.Grant;
import org.skillbroker.token.GrantStatus;
import org.skillbroker.token.Keyring;
import org.skillbroker.token.TokenSet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link ClusterState} implementation promises, run against each of them (the subclasses). "Two
 * nodes" are two instances over the same store, sharing one clock that the test moves.
 */
public abstract class ClusterStateContract {

    protected static final String ORG = "org-contract";
    protected static final Keyring KEYRING = Keyring.of("k1", new byte[32]);
    protected static final Instant START = Instant.parse("2026-11-29T10:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(30);

    protected final MutableClock clock = new MutableClock(START);
    private final List<ClusterState> opened = new ArrayList<>();
    protected ClusterState node1;
    protected ClusterState node2;

    /** A node's view of the one shared store of this test. */
    protected abstract ClusterState open(MutableClock clock) throws Exception;

    @BeforeEach
    void openTwoNodes() throws Exception {
        node1 = track(open(clock));
        node2 = track(open(clock));
    }

    protected ClusterState track(ClusterState state) {
        opened.add(state);
        return state;
    }

    @AfterEach
    void closeNodes() {
        opened.forEach(ClusterState::close);
    }

    protected static Grant grant(long generation) {
        TokenSet tokens = new TokenSet("access-" + generation, START.plusSeconds(43_200), "refresh-" + generation,
                START.plusSeconds(5_184_000), Set.of("cjp:config_write"), START);
        return new Grant(tokens, ORG, new Administrator("person-1", "Ada Admin", "ada@example.com"), START,
                GrantStatus.ACTIVE, null, null, generation);
    }

    // ----- grant -----

    @Test
    void grantWrittenByOneNodeIsReadByTheOther() throws Exception {
        assertEquals(Optional.empty(), node2.grant().load());
        Object before = node2.grant().stamp();

        node1.grant().save(grant(0));

        assertEquals(Optional.of(grant(0)), node2.grant().load());
        assertFalse(before.equals(node2.grant().stamp()), "the stamp tells the other node to reload");
        node2.grant().delete();
        assertEquals(Optional.empty(), node1.grant().load());
        node2.grant().delete(); // nothing stored is not an error
    }

    @Test
    void compareAndSaveRefusesAStaleGeneration() throws Exception {
        assertTrue(node1.grant().compareAndSave(GrantSlot.NO_GRANT, grant(0), Optional.empty()));
        assertFalse(node2.grant().compareAndSave(GrantSlot.NO_GRANT, grant(7), Optional.empty()));
        assertTrue(node2.grant().compareAndSave(0, grant(1), Optional.empty()));
        assertFalse(node1.grant().compareAndSave(0, grant(1), Optional.empty()), "node 2 wrote generation 1");
        assertEquals(1, node1.grant().load().orElseThrow().generation());
    }

    @Test
    void aStalledNodeWhoseLeaseExpiredIsFenced() throws Exception {
        node1.grant().save(grant(0));
        Lease stale = node1.leases().tryAcquire(Leases.REFRESH, TTL, Duration.ZERO).orElseThrow();
        assertTrue(stale.isCurrent());

        clock.advance(TTL.plusSeconds(1)); // node 1 stalls (a long GC pause) past its lease
        assertFalse(stale.isCurrent());
        Lease fresh = node2.leases().tryAcquire(Leases.REFRESH, TTL, Duration.ZERO).orElseThrow();
        assertTrue(fresh.fencingToken() > stale.fencingToken());

        // node 1 wakes up: its write is refused although the generation it expects is still the stored one
        assertFalse(node1.grant().compareAndSave(0, grant(1), Optional.of(stale)));
        assertFalse(stale.renew(), "a lost lease cannot be renewed");
        assertEquals(0, node2.grant().load().orElseThrow().generation());
        assertTrue(node2.grant().compareAndSave(0, grant(1), Optional.of(fresh)));
        stale.close(); // releasing a lost lease does not release the new holder's
        assertTrue(fresh.isCurrent());
        fresh.close();
        assertFalse(fresh.isCurrent());
    }

    // ----- leases -----

    @Test
    void aLeaseIsExclusiveUntilReleasedOrExpired() {
        String name = Leases.profileWrite("a1b2c3d4-0000-4000-8000-000000000001");
        Lease first = node1.leases().tryAcquire(name, TTL, Duration.ZERO).orElseThrow();

        assertTrue(node2.leases().tryAcquire(name, TTL, Duration.ofMillis(50)).isEmpty());
        assertTrue(node2.leases().tryAcquire("profile-write:other", TTL, Duration.ZERO).isPresent(),
                "other names are independent");
        first.close();
        Lease second = node2.leases().tryAcquire(name, TTL, Duration.ZERO).orElseThrow();
        assertTrue(second.fencingToken() > first.fencingToken(), "a released name still gets a larger token");

        clock.advance(TTL.minusSeconds(1));
        assertTrue(second.renew());
        clock.advance(TTL.minusSeconds(1));
        assertTrue(second.isCurrent(), "renewed");
        assertTrue(node1.leases().tryAcquire(name, TTL, Duration.ZERO).isEmpty());
        clock.advance(Duration.ofSeconds(2));
        Lease third = node1.leases().tryAcquire(name, TTL, Duration.ZERO).orElseThrow();
        assertTrue(third.fencingToken() > second.fencingToken());
        assertFalse(second.isCurrent());
    }

    @Test
    void aHeldLeaseIsRenewedWhileItsHolderWorks() throws Exception {
        Duration ttl = Duration.ofMillis(600);
        Lease held = node1.leases().tryAcquire("slow-work", ttl, Duration.ZERO).orElseThrow();
        Instant first = held.expiresAt();

        clock.advance(Duration.ofMillis(400));
        Instant deadline = Instant.now().plusSeconds(20);
        while (!held.expiresAt().isAfter(first)) { // the renewal thread runs every ttl/3 of real time
            assertTrue(Instant.now().isBefore(deadline), "renewed within 20 s");
            Thread.onSpinWait();
        }
        clock.advance(Duration.ofMillis(400)); // past the first expiry: alive only because it was renewed

        assertTrue(held.isCurrent());
        assertTrue(node2.leases().tryAcquire("slow-work", ttl, Duration.ZERO).isEmpty());
        held.close();
        assertTrue(node2.leases().tryAcquire("slow-work", ttl, Duration.ZERO).isPresent());
    }

    @Test
    void concurrentAcquirersNeverOverlap() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                ClusterState node = t % 2 == 0 ? node1 : node2;
                futures.add(pool.submit((Callable<Void>) () -> {
                    for (int i = 0; i < 5; i++) {
                        try (Lease lease = node.leases().tryAcquire("busy", TTL, Duration.ofSeconds(20))
                                .orElseThrow()) {
                            if (inside.incrementAndGet() != 1) {
                                overlaps.incrementAndGet();
                            }
                            inside.decrementAndGet();
                            done.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, overlaps.get());
        assertEquals(20, done.get());
    }

    // ----- pending reverts -----

    @Test
    void pendingRevertsArePutListedAndRemovedOnce() throws Exception {
        node1.reverts().put(new PendingRevert("r-2", START.plusSeconds(120), "{\"b\":2}"));
        node1.reverts().put(new PendingRevert("r-1", START.plusSeconds(60), "{\"a\":1}"));

        assertEquals(List.of("r-1", "r-2"), node2.reverts().list().stream().map(PendingRevert::id).toList());
        assertEquals(Optional.of(new PendingRevert("r-1", START.plusSeconds(60), "{\"a\":1}")),
                node2.reverts().get("r-1"));
        node2.reverts().put(new PendingRevert("r-1", START.plusSeconds(90), "{\"a\":3}"));
        assertEquals("{\"a\":3}", node1.reverts().get("r-1").orElseThrow().body(), "put replaces");

        assertTrue(node1.reverts().remove("r-1"));
        assertFalse(node2.reverts().remove("r-1"), "only one node is told it removed it");
        assertEquals(List.of("r-2"), node2.reverts().list().stream().map(PendingRevert::id).toList());
        assertThrows(IllegalArgumentException.class, () -> node1.reverts().get("../grant"));
    }

    // ----- audit -----

    @Test
    void auditEntriesKeepKindChangeIdCauseAndValuesOfEveryType() throws Exception {
        AuditEntry written = new AuditEntry(START, "person-9", "sup@example.com", "Sam", ORG, "agent", "a-1",
                "Alex Agent", List.of(new FieldChange("skillProfileId", "Skill profile",
                jakarta.json.Json.createValue("sp-1"), jakarta.json.JsonValue.NULL),
                new FieldChange("dyn:s-1", "Certified", jakarta.json.JsonValue.FALSE, jakarta.json.JsonValue.TRUE)),
                "changed", 200, "track-1", "10.0.0.1", "chg_1-a", "undo", "chg_0", START.plusSeconds(3600));
        node1.audit().append(written);
        assertEquals(List.of(written), node2.audit().history("a-1", Optional.empty(), 10));
    }

    protected static AuditEntry entry(Instant time, String profileId, String outcome) {
        return new AuditEntry(time, "person-9", "sup@example.com", "Sam Supervisor", ORG, profileId,
                "Profile " + profileId, List.of(new FieldChange("skill-1", "German", jakarta.json.Json.createValue(3), jakarta.json.Json.createValue(7))), outcome, 200,
                "tracking-1", "192.0.2.1");
    }

    @Test
    void auditHistoryIsPerResourceNewestFirstAndPaged() throws Exception {
        for (int i = 0; i < 7; i++) {
            (i % 2 == 0 ? node1 : node2).audit().append(entry(START.plusSeconds(i), i % 3 == 0 ? "p-a" : "p-b",
                    "changed-" + i));
        }

        List<AuditEntry> latest = node1.audit().latest(3);
        assertEquals(List.of("changed-6", "changed-5", "changed-4"), latest.stream().map(AuditEntry::outcome).toList());
        assertEquals(entry(START.plusSeconds(6), "p-a", "changed-6"), latest.get(0), "read back whole");

        List<AuditEntry> page1 = node2.audit().history("p-a", Optional.empty(), 2);
        assertEquals(List.of("changed-6", "changed-3"), page1.stream().map(AuditEntry::outcome).toList());
        List<AuditEntry> page2 = node2.audit().history("p-a", Optional.of(page1.get(1).time()), 2);
        assertEquals(List.of("changed-0"), page2.stream().map(AuditEntry::outcome).toList());
        assertEquals(List.of(), node2.audit().history("p-none", Optional.empty(), 10));
    }

    /** A change and its undo, or a batch of agents, can share a millisecond: the history keeps their order. */
    @Test
    void auditEntriesOfOneMillisecondComeBackNewestFirst() throws Exception {
        for (int i = 0; i < 20; i++) {
            node1.audit().append(entry(START, "p-same", "changed-" + i));
        }
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 19; i >= 0; i--) {
            expected.add("changed-" + i);
        }
        assertEquals(expected, node2.audit().history("p-same", Optional.empty(), 50).stream()
                .map(AuditEntry::outcome).toList());
        assertEquals(expected.subList(0, 5), node2.audit().latest(5).stream().map(AuditEntry::outcome).toList());
    }

    // ----- budget -----

    @Test
    void twoNodesTogetherStayWithinTheBudget() throws Exception {
        Instant window = START;
        int taken = 0;
        for (int i = 0; i < 30; i++) {
            if ((i % 2 == 0 ? node1 : node2).budget().tryTake(window, 1, 20)) {
                taken++;
            }
        }
        assertEquals(20, taken);
        assertEquals(20, node1.budget().used(window));
        assertFalse(node2.budget().tryTake(window, 1, 20));
        assertTrue(node2.budget().tryTake(window.plusSeconds(60), 5, 20), "a new window starts empty");
        assertFalse(node1.budget().tryTake(window.plusSeconds(60), 16, 20), "all or nothing");
        assertTrue(node1.budget().tryTake(window.plusSeconds(60), 15, 20));
        assertEquals(20, node1.budget().used(window.plusSeconds(60)));
    }

    @Test
    void describesItself() {
        assertFalse(node1.description().isBlank());
        assertTrue(node1.outage().isEmpty());
    }
}
