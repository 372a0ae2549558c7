package org.skillbroker.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/** The one time source of the simulator; tests swap the clock to move time without sleeping. */
final class SimClock {

    private volatile Clock clock = Clock.systemUTC();

    Instant now() {
        return clock.instant();
    }

    void set(Clock newClock) {
        clock = Objects.requireNonNull(newClock, "clock");
    }
}
