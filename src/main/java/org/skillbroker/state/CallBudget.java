package org.skillbroker.state;

import java.time.Instant;

/**
 * A cluster-wide counter of Contact Center calls per time window, so that all nodes together stay under the
 * integration's limit (300 per minute).
 */
public interface CallBudget {

    /**
     * Takes {@code n} calls from the window starting at {@code windowStart} if that keeps its total at or under
     * {@code limit}.
     *
     * @return true if taken; false (and nothing taken) if it would exceed the limit
     * @throws StoreUnavailableException when the store cannot be reached
     */
    boolean tryTake(Instant windowStart, int n, int limit);

    /** Calls taken so far in the window. */
    long used(Instant windowStart);

    /**
     * The rule every budget applies, whether in Java or in a conditional UPDATE: {@code n} more calls fit when the
     * window's total stays at or under the limit.
     *
     * @throws IllegalArgumentException for a negative {@code n}
     */
    static boolean fits(long used, int n, int limit) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot take a negative number of calls");
        }
        return used + n <= limit;
    }
}
