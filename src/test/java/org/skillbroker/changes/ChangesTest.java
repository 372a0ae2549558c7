package org.skillbroker.changes;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skillbroker.audit.AuditEntry;
import org.skillbroker.audit.AuditTrail;
import org.skillbroker.audit.ChangeAttempt;
import org.skillbroker.caller.BearerToken;
import org.skillbroker.caller.Caller;
import org.skillbroker.caller.Identity;
import org.skillbroker.metrics.Metrics;
import org.skillbroker.problem.ApiException;
import org.skillbroker.simulator.MutableClock;
import org.skillbroker.state.ClusterState;
import org.skillbroker.state.Lease;
import org.skillbroker.state.file.FileClusterState;
import org.skillbroker.token.Keyring;
import org.skillbroker.webex.ContactCenterUser;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared change mechanism on the real file store, two "nodes" over one directory, with a clock the test
 * moves: a timed change is reverted when due and not before, once, by one node; a value changed since is left
 * alone; a node that lost its lease writes nothing; a restart keeps pending reverts; undo is all or nothing.
 */
class ChangesTest {

    private static final Instant START = Instant.parse("2026-11-30T08:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(10);
    private static final String ID = "3f2b3c4d-0000-4000-8000-000000000001";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(START);
    private final MemoryResources resources = new MemoryResources();
    private final List<ClusterState> opened = new ArrayList<>();
    private ClusterState store1;
    private Node node1;
    private Node node2;

    /** One broker node's view: its store connection, metrics and change service. */
    private record Node(ClusterState state, Changes changes, ChangeMetrics metrics) {
    }

    private Node node() {
        ClusterState state = new FileClusterState(dir.resolve("store"), Keyring.of("k1", new byte[32]), "org-1",
                Optional.of(dir.resolve("store/audit.log")), 1 << 20, 2, clock);
        opened.add(state);
        ChangeMetrics metrics = new ChangeMetrics(new Metrics());
        Changes changes = new Changes(new AuditTrail(state.audit(), 20, clock), state.audit(), state.reverts(),
                state.leases(), TTL, Duration.ofDays(7), Duration.ofMinutes(2), clock, metrics).register(resources);
        return new Node(state, changes, metrics);
    }

    @BeforeEach
    void twoNodes() {
        node1 = node();
        node2 = node();
        store1 = node1.state();
    }

    @AfterEach
    void close() {
        opened.forEach(ClusterState::close);
    }

    private static Caller caller(String person) {
        return new Caller(new Identity(person, "org-1", person + "@example.com", "Sam " + person),
                new ContactCenterUser("cc-" + person, person, person + "@example.com", true, true, "SUPERVISOR",
                        "ALL", List.of(), List.of()), BearerToken.from(List.of("Bearer token-of-" + person)));
    }

    private static JsonValue n(int v) {
        return Json.createValue(v);
    }

    /** A caller's change of German 3 → 7 (made "upstream" by the test), timed until {@code until}. */
    private ChangeAttempt timedChange(Node node, Instant until) {
        resources.set(ID, "german", n(7));
        resources.set(ID, "french", n(2));
        ChangeAttempt attempt = new ChangeAttempt("10.0.0.1");
        attempt.caller("p-1", "sam@example.com", "Sam", "org-1");
        attempt.resource("memory", ID, "Resource");
        attempt.changes(List.of(new FieldChange("german", "German", n(3), n(7)),
                new FieldChange("french", "French", n(5), n(2))));
        node.changes().schedule(resources, attempt, node.changes().checkUntil(until));
        new AuditTrail(node.state().audit(), 20, clock).record(attempt, "changed", 200);
        return attempt;
    }

    @Test
    void aTimedChangeIsRevertedWhenDueAndNotBefore() {
        ChangeAttempt change = timedChange(node1, START.plus(Duration.ofHours(2)));
        assertEquals(1, node1.metrics().reverts(ChangeMetrics.SCHEDULED));

        clock.advance(Duration.ofHours(2).minusSeconds(1));
        assertEquals(0, node1.changes().runDue() + node2.changes().runDue(), "one second early: nothing");
        assertEquals(n(7), resources.get(ID, "german"));

        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, node2.changes().runDue());
        assertEquals(n(3), resources.get(ID, "german"));
        assertEquals(n(5), resources.get(ID, "french"));
        assertEquals(1, resources.writes.get());
        assertEquals(List.of(), node1.changes().pendingAll(), "done means gone from the shared store");
        assertEquals(1, node2.metrics().reverts(ChangeMetrics.DONE));

        AuditEntry reverted = store1.audit().history(ID, Optional.empty(), 10).get(0);
        assertEquals("reverted", reverted.outcome());
        assertEquals("revert", reverted.cause());
        assertEquals(change.changeId(), reverted.causeOf());
        assertEquals("sam@example.com", reverted.email(), "in the name of whoever made the change");
        assertEquals(List.of(new FieldChange("german", "German", n(7), n(3)),
                new FieldChange("french", "French", n(2), n(5))), reverted.changes());
        assertEquals(0, node1.changes().runDue() + node2.changes().runDue(), "and never again");
        assertEquals(1, resources.writes.get());
    }

    @Test
    void aValueChangedSinceIsLeftAloneAndAuditedAsSuperseded() {
        timedChange(node1, START.plus(Duration.ofHours(1)));
        resources.set(ID, "german", n(9)); // someone else, later
        clock.advance(Duration.ofHours(1));

        node1.changes().runDue();

        assertEquals(n(9), resources.get(ID, "german"), "left alone");
        assertEquals(n(5), resources.get(ID, "french"), "the field nobody touched is reverted");
        List<AuditEntry> history = store1.audit().history(ID, Optional.empty(), 10);
        assertEquals("superseded", history.get(0).outcome());
        assertEquals(List.of(new FieldChange("german", "German", n(7), n(3))), history.get(0).changes());
        assertEquals("reverted", history.get(1).outcome());
        assertEquals(1, node1.metrics().reverts(ChangeMetrics.SUPERSEDED));
        assertEquals(List.of(), node2.changes().pendingAll());

        // all of it moved on: nothing written at all
        timedChange(node1, START.plus(Duration.ofHours(2)));
        resources.set(ID, "german", n(1));
        resources.set(ID, "french", n(1));
        int writes = resources.writes.get();
        clock.advance(Duration.ofHours(1));
        node2.changes().runDue();
        assertEquals(writes, resources.writes.get());
        assertEquals("superseded", store1.audit().history(ID, Optional.empty(), 1).get(0).outcome());
        assertEquals(2, node1.metrics().reverts(ChangeMetrics.SUPERSEDED) + node2.metrics().reverts(ChangeMetrics.SUPERSEDED));
    }

    @Test
    void twoNodesRacingForADueRevertWriteItOnce() throws Exception {
        for (int i = 0; i < 5; i++) {
            timedChange(node1, clock.instant().plus(Duration.ofMinutes(10)));
            clock.advance(Duration.ofMinutes(10));
            int before = resources.writes.get();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Integer>> racers = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    Node node = t % 2 == 0 ? node1 : node2;
                    racers.add(() -> node.changes().runDue());
                }
                int done = 0;
                for (Future<Integer> f : pool.invokeAll(racers)) {
                    done += f.get();
                }
                assertEquals(1, done, "one node did it");
            } finally {
                pool.shutdownNow();
            }
            assertEquals(before + 1, resources.writes.get(), "written once");
            assertEquals(n(3), resources.get(ID, "german"));
        }
        long reverted = store1.audit().latest(100).stream().filter(e -> "reverted".equals(e.outcome())).count();
        assertEquals(5, reverted, "one audit line per revert");
    }

    @Test
    void aNodeThatLostItsLeaseWritesNothingAndTheOtherTakesOver() {
        ChangeAttempt change = timedChange(node1, START.plus(Duration.ofMinutes(5)));
        clock.advance(Duration.ofMinutes(5));
        // node 1 took the revert's lease and stalled (or died) before writing
        Lease stalled = node1.state().leases().tryAcquire(Changes.leaseName(change.changeId()), TTL, Duration.ZERO)
                .orElseThrow();
        assertEquals(0, node2.changes().runDue(), "the lease holder's revert is not done twice");
        assertEquals(n(7), resources.get(ID, "german"));

        clock.advance(TTL.plusSeconds(1)); // its lease ran out: the other node takes over at its next tick
        assertEquals(1, node2.changes().runDue());
        assertEquals(n(3), resources.get(ID, "german"));
        assertFalse(stalled.isCurrent(), "fenced: the stalled node's lease is no longer current");
        assertEquals(1, resources.writes.get());
        stalled.close();
    }

    @Test
    void aNodeThatStalledPastItsLeaseDuringARevertIsFencedAndWritesNothing() {
        ChangeAttempt change = timedChange(node1, START.plus(Duration.ofMinutes(5)));
        clock.advance(Duration.ofMinutes(5));
        Lease[] taken = new Lease[1];
        // node 1 stalls right before its write; meanwhile its lease runs out and node 2 takes it
        resources.beforeWrite = () -> {
            clock.advance(TTL.plusSeconds(1));
            taken[0] = node2.state().leases().tryAcquire(Changes.leaseName(change.changeId()), TTL, Duration.ZERO)
                    .orElseThrow();
        };

        assertEquals(0, node1.changes().runDue());

        assertEquals(0, resources.writes.get(), "fenced: the stalled node wrote nothing");
        assertEquals(n(7), resources.get(ID, "german"));
        assertEquals(1, node1.changes().pendingAll().size(), "left pending for the new holder");
        taken[0].close();
        assertEquals(1, node2.changes().runDue());
        assertEquals(n(3), resources.get(ID, "german"));
        assertEquals(1, resources.writes.get());
    }

    @Test
    void aFailedRevertStaysPendingIsRetriedAndCountsAsOverdue() {
        timedChange(node1, START.plus(Duration.ofMinutes(1)));
        clock.advance(Duration.ofMinutes(1));
        resources.failing = true;
        assertEquals(0, node1.changes().runDue());
        assertEquals(0, node1.changes().runDue());
        assertEquals(2, node1.metrics().reverts(ChangeMetrics.FAILED));
        assertEquals(1, store1.audit().history(ID, Optional.empty(), 10).stream()
                .filter(e -> "revert-failed".equals(e.outcome())).count(), "audited once, not every tick");
        assertEquals(List.of(), node1.changes().overdue(), "not overdue yet");
        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        assertEquals(1, node2.changes().overdue().size(), "overdue for /health");

        resources.failing = false;
        assertEquals(1, node2.changes().runDue());
        assertEquals(n(3), resources.get(ID, "german"));
        assertEquals(List.of(), node1.changes().overdue());
    }

    @Test
    void pendingRevertsSurviveARestart() {
        timedChange(node1, START.plus(Duration.ofDays(3)));
        node1.state().close();
        node2.state().close();

        Node restarted = node();
        assertEquals(1, restarted.changes().pendingAll().size());
        clock.advance(Duration.ofDays(3));
        assertEquals(1, restarted.changes().runDue());
        assertEquals(n(3), resources.get(ID, "german"));
    }

    @Test
    void untilMustBeInTheFutureAndWithinTheLimit() {
        assertEquals("invalid-until", kind(assertThrows(ApiException.class, () -> node1.changes().checkUntil(START))));
        assertEquals("invalid-until", kind(assertThrows(ApiException.class,
                () -> node1.changes().checkUntil(START.plus(Duration.ofDays(7)).plusSeconds(1)))));
        assertEquals(START.plus(Duration.ofDays(7)), node1.changes().checkUntil(START.plus(Duration.ofDays(7))));
    }

    @Test
    void undoSetsTheOldValuesBackAsANewChangeAndCancelsThePendingRevert() {
        ChangeAttempt change = timedChange(node1, START.plus(Duration.ofHours(8)));
        ChangeAttempt undo = node2.changes().undo(resources, caller("p-2"), ID, change.changeId(), "10.0.0.2");

        assertEquals(n(3), resources.get(ID, "german"));
        assertEquals(n(5), resources.get(ID, "french"));
        AuditEntry entry = store1.audit().history(ID, Optional.empty(), 1).get(0);
        assertEquals("changed", entry.outcome());
        assertEquals("undo", entry.cause());
        assertEquals(change.changeId(), entry.causeOf());
        assertEquals(undo.changeId(), entry.changeId());
        assertEquals("p-2@example.com", entry.email(), "in the name of who undid it");
        assertTrue(Changes.undoable(entry), "an undo can itself be undone");
        assertEquals(List.of(), node1.changes().pendingAll(), "nothing left to revert");
        assertEquals(1, node1.metrics().reverts(ChangeMetrics.CANCELLED) + node2.metrics().reverts(ChangeMetrics.CANCELLED));
    }

    @Test
    void undoIsRefusedWhenAValueMovedOnAndChangesNothing() {
        ChangeAttempt change = timedChange(node1, START.plus(Duration.ofHours(8)));
        resources.set(ID, "french", n(8));

        ApiException e = assertThrows(ApiException.class,
                () -> node1.changes().undo(resources, caller("p-2"), ID, change.changeId(), ""));

        assertEquals(409, e.problem().status());
        assertEquals("moved-on", kind(e));
        assertEquals(n(7), resources.get(ID, "german"), "all or nothing");
        assertEquals(0, resources.writes.get());
        assertEquals("moved-on", store1.audit().history(ID, Optional.empty(), 1).get(0).outcome(), "audited");
        assertEquals(1, node1.changes().pendingAll().size(), "the timed revert stays");
        assertEquals("change-not-found", kind(assertThrows(ApiException.class,
                () -> node1.changes().undo(resources, caller("p-2"), ID, "no-such-change", ""))));
    }

    @Test
    void cancelAndRevertNowAreAuditedAndLeaveNothingPending() {
        ChangeAttempt first = timedChange(node1, START.plus(Duration.ofHours(1)));
        node2.changes().cancel(resources, caller("p-3"), ID, first.changeId(), "");
        assertEquals(List.of(), node1.changes().pendingAll());
        assertEquals(n(7), resources.get(ID, "german"), "cancelled: the change stays");
        assertEquals("revert-cancelled", store1.audit().history(ID, Optional.empty(), 1).get(0).outcome());
        assertEquals("revert-not-found", kind(assertThrows(ApiException.class,
                () -> node1.changes().cancel(resources, caller("p-3"), ID, first.changeId(), ""))));

        ChangeAttempt second = timedChange(node1, START.plus(Duration.ofHours(1)));
        assertEquals("reverted", node2.changes().revertNow(resources, caller("p-3"), ID, second.changeId(), ""));
        assertEquals(n(3), resources.get(ID, "german"));
        AuditEntry entry = store1.audit().history(ID, Optional.empty(), 1).get(0);
        assertEquals("revert-now", entry.cause());
        assertEquals("p-3@example.com", entry.email());
        assertEquals(List.of(), node1.changes().pendingAll());
        assertEquals("revert-not-found", kind(assertThrows(ApiException.class,
                () -> node1.changes().revertNow(resources, caller("p-3"), "another-resource", second.changeId(), ""))));
    }

    @Test
    void historyPagesNewestFirstAndShowsPendingReverts() {
        ChangeAttempt timed = timedChange(node1, START.plus(Duration.ofHours(1)));
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(1));
            timedChange(node1, START.plus(Duration.ofHours(2)));
        }
        Changes.Page first = node2.changes().history(resources, ID, Optional.empty(), 3);
        assertEquals(3, first.items().size());
        assertTrue(first.next().isPresent());
        Changes.Page second = node2.changes().history(resources, ID, first.next(), 3);
        assertEquals(2, second.items().size());
        assertEquals(timed.changeId(), second.items().get(1).changeId());
        assertEquals(START.plus(Duration.ofHours(1)), second.pendingRevertAt().get(timed.changeId()));
        assertEquals(START.plus(Duration.ofHours(1)), second.items().get(1).until());
    }

    private static String kind(ApiException e) {
        return e.problem().type().substring(e.problem().type().lastIndexOf(':') + 1);
    }
}
