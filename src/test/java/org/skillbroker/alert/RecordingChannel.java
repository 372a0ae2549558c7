package org.skillbroker.alert;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A channel at the seam to the outside world: records what it was given, fails the first {@code failures} sends. */
final class RecordingChannel implements AlertChannel {

    final List<Alert> sent = new CopyOnWriteArrayList<>();
    final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger failuresLeft;

    RecordingChannel(int failures) {
        this.failuresLeft = new AtomicInteger(failures);
    }

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public String target() {
        return "memory";
    }

    @Override
    public void send(Alert alert) throws DeliveryException {
        attempts.incrementAndGet();
        if (failuresLeft.getAndDecrement() > 0) {
            throw new DeliveryException("receiver down");
        }
        sent.add(alert);
    }
}
