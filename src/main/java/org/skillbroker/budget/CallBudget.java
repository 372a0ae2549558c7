package org.skillbroker.budget;

import java.time.Duration;
import java.util.Optional;

/** A budget of upstream calls per period, shared by whoever holds the same budget (one node, or every node). */
public interface CallBudget {

    /** Takes one call from the budget: empty when granted, else how long until the budget has room again. */
    Optional<Duration> take();
}
