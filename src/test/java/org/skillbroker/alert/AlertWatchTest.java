package org.skillbroker.alert;

import org.skillbroker.simulator.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skillbroker.token.AlertMark;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertWatchTest {

    /** A ledger two watches can share, like two nodes sharing the grant. */
    static final class SharedLedger implements AlertLedger {
        final Map<AlertKind, AlertMark> marks = new ConcurrentHashMap<>();

        @Override
        public Optional<AlertMark> read(AlertKind kind) {
            return Optional.ofNullable(marks.get(kind));
        }

        @Override
        public synchronized boolean replace(AlertKind kind, Optional<AlertMark> expected, AlertMark next) {
            if (!Optional.ofNullable(marks.get(kind)).equals(expected)) {
                return false;
            }
            marks.put(kind, next);
            return true;
        }
    }

    private final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-25T10:00:00Z"));
    private final SharedLedger ledger = new SharedLedger();
    private final RecordingChannel channel = new RecordingChannel(0);
    private final AlertDelivery delivery = new AlertDelivery(List.of(channel), clock, Duration.ofMillis(10),
            Duration.ofMillis(50), Duration.ofDays(1), () -> 0.0, AlertDelivery.Listener.NONE);
    private final AtomicReference<String> condition = new AtomicReference<>();

    private AlertWatch watch() {
        AlertWatch watch = new AlertWatch(ledger, delivery, clock, Duration.ofDays(1), "https://broker/setup",
                AlertWatch.Listener.NONE);
        watch.watch(AlertKind.REFRESH_FAILING, now -> Optional.ofNullable(condition.get()));
        return watch;
    }

    @AfterEach
    void close() {
        delivery.close();
    }

    private void awaitSent(int n) {
        Instant end = Instant.now().plusSeconds(10);
        while (channel.sent.size() < n) {
            assertTrue(Instant.now().isBefore(end), "not sent within 10 s: " + channel.sent);
            Thread.onSpinWait();
        }
    }

    @Test
    void conditionThatLastsAlertsOnceThenAtMostOncePerRepeatInterval() {
        AlertWatch watch = watch();
        condition.set("refresh failing since 09:00");

        watch.evaluate();
        clock.advance(Duration.ofHours(23));
        watch.evaluate();
        awaitSent(1);
        clock.advance(Duration.ofHours(1));
        watch.evaluate();
        awaitSent(2);
        watch.evaluate();

        assertEquals(2, ledgerSends(), "first alert, then one reminder after a day");
        assertEquals(Alert.State.FIRING, channel.sent.get(0).state());
        assertTrue(channel.sent.get(1).detail().startsWith("Still the case since"), channel.sent.get(1).detail());
    }

    @Test
    void endOfConditionSendsOneResolvedAlert() {
        AlertWatch watch = watch();
        condition.set("expiring");
        watch.evaluate();
        condition.set(null);
        clock.advance(Duration.ofHours(3));

        watch.evaluate();
        watch.evaluate();

        awaitSent(2);
        assertEquals(List.of(Alert.State.FIRING, Alert.State.RESOLVED), channel.sent.stream().map(Alert::state).toList());
        assertTrue(channel.sent.get(1).detail().contains("3 hours"), channel.sent.get(1).detail());
        assertTrue(watch.active().isEmpty());
    }

    @Test
    void twoNodesSharingTheLedgerSendEachAlertOnce() throws Exception {
        AlertWatch nodeA = watch();
        AlertWatch nodeB = watch();
        condition.set("re-authorisation required");

        Thread a = new Thread(nodeA::evaluate);
        Thread b = new Thread(nodeB::evaluate);
        a.start();
        b.start();
        a.join();
        b.join();
        condition.set(null);
        nodeB.evaluate();
        nodeA.evaluate();

        awaitSent(2);
        assertEquals(2, ledgerSends(), "one firing and one resolved, not one per node");
    }

    @Test
    void aProbeThatThrowsIsNotTakenAsResolved() {
        AlertWatch watch = watch();
        condition.set("failing");
        watch.evaluate();
        watch.watch(AlertKind.REFRESH_FAILING, now -> {
            throw new IllegalStateException("store down");
        });

        watch.evaluate();

        awaitSent(1);
        assertEquals(1, watch.active().size(), "still firing");
    }

    @Test
    void theTestAlertIsNotACondition() {
        assertThrows(IllegalArgumentException.class, () -> watch().watch(AlertKind.TEST, now -> Optional.empty()));
    }

    /** Alerts handed to delivery, counted at the channel once delivery is quiet. */
    private int ledgerSends() {
        Instant end = Instant.now().plusSeconds(5);
        while (delivery.status().get(0).pending() > 0 && Instant.now().isBefore(end)) {
            Thread.onSpinWait();
        }
        return channel.sent.size();
    }
}
