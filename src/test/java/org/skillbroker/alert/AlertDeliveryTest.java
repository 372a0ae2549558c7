package org.skillbroker.alert;

import org.skillbroker.simulator.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertDeliveryTest {

    private final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-25T10:00:00Z"));

    private Alert alert() {
        return new Alert(AlertKind.REFRESH_FAILING, Alert.State.FIRING, "detail", clock.instant(), "broker");
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        Instant end = Instant.now().plusSeconds(10);
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(end), "not within 10 s: " + what);
            Thread.onSpinWait();
        }
    }

    @Test
    void failedSendsAreRetriedUntilDelivered() {
        RecordingChannel flaky = new RecordingChannel(3);
        List<String> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (AlertDelivery delivery = new AlertDelivery(List.of(flaky), clock, Duration.ofMillis(5),
                Duration.ofMillis(20), Duration.ofDays(1), () -> 0.0,
                (a, c, delivered, why) -> outcomes.add(delivered ? "delivered" : "failed " + why))) {
            delivery.deliver(alert());

            await(() -> flaky.sent.size() == 1, "delivered after three failures");

            assertEquals(4, flaky.attempts.get());
            await(() -> delivery.status().get(0).pending() == 0, "nothing waiting");
            assertEquals(List.of("delivered"), outcomes);
            assertEquals("receiver down", delivery.status().get(0).lastFailure().orElseThrow());
        }
    }

    @Test
    void givesUpOnceTheAlertIsOlderThanTheRepeatInterval() {
        RecordingChannel dead = new RecordingChannel(Integer.MAX_VALUE);
        List<String> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (AlertDelivery delivery = new AlertDelivery(List.of(dead), clock, Duration.ofMinutes(30),
                Duration.ofMinutes(30), Duration.ofHours(1), () -> 0.0,
                (a, c, delivered, why) -> outcomes.add(delivered ? "delivered" : "failed"))) {
            // the next wait (15-30 min) would end after the hour: a reminder will follow anyway
            clock.advance(Duration.ofMinutes(50));
            delivery.deliver(new Alert(AlertKind.TEST, Alert.State.TEST, "", clock.instant().minus(Duration.ofMinutes(50)),
                    "broker"));

            await(() -> outcomes.size() == 1, "given up");

            assertEquals(List.of("failed"), outcomes);
            assertEquals(1, dead.attempts.get());
        }
    }

    @Test
    void backoffDoublesUpToTheMaximumAndHonoursRetryAfter() {
        try (AlertDelivery delivery = new AlertDelivery(List.of(), clock, Duration.ofSeconds(30),
                Duration.ofMinutes(30), Duration.ofDays(1), () -> 0.999, AlertDelivery.Listener.NONE)) {
            assertEquals(30, delivery.backoff(1, Optional.empty()).toSeconds(), 1);
            assertEquals(120, delivery.backoff(3, Optional.empty()).toSeconds(), 1);
            assertEquals(1800, delivery.backoff(50, Optional.empty()).toSeconds(), 2);
            assertEquals(600, delivery.backoff(1, Optional.of(Duration.ofMinutes(10))).toSeconds());
        }
    }

    @Test
    void aFloodOfAlertsIsBoundedPerChannel() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AlertChannel stuck = new AlertChannel() {
            public String name() { return "stuck"; }
            public String target() { return "nowhere"; }
            public void send(Alert alert) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (AlertDelivery delivery = new AlertDelivery(List.of(stuck), clock, Duration.ofMillis(5),
                Duration.ofMillis(5), Duration.ofDays(1), () -> 0.0, AlertDelivery.Listener.NONE)) {
            for (int i = 0; i < 10 * AlertDelivery.MAX_PENDING; i++) {
                delivery.deliver(alert());
            }
            assertEquals(AlertDelivery.MAX_PENDING, delivery.status().get(0).pending());
            release.countDown();
        }
    }
}
