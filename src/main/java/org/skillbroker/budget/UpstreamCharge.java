package org.skillbroker.budget;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Charges every HTTP request made inside an admin-grant call to the cluster's Contact Center budget, one by one:
 * one call of the broker's (a usage lookup, a paged skill list) can be several requests, and Contact Center
 * counts requests. The gate travels with the thread, so the clients need not know about it; it is set only for
 * the duration of one call and always removed.
 */
public final class UpstreamCharge {

    /** The gate of the call in progress, and the request it has paid for ahead (null: none). */
    private record Charge(UpstreamGate gate, Prepaid prepaid) {
    }

    private static final ThreadLocal<Charge> CURRENT = new ThreadLocal<>();

    private UpstreamCharge() {
    }

    /** Runs {@code call} with each of its requests charged to {@code gate}. */
    public static <T> T within(UpstreamGate gate, Supplier<T> call) {
        return within(gate, null, call);
    }

    /** Like {@link #within(UpstreamGate, Supplier)}, the first request paid by {@code prepaid} (when not null). */
    public static <T> T within(UpstreamGate gate, Prepaid prepaid, Supplier<T> call) {
        Objects.requireNonNull(gate, "gate");
        Charge outer = CURRENT.get();
        CURRENT.set(new Charge(gate, prepaid));
        try {
            return call.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /**
     * Called before each request to Webex: takes one call from the budget when inside {@link #within}.
     *
     * @throws org.skillbroker.webex.WebexRateLimitedException when the budget is spent or calls are paused
     */
    public static void beforeRequest() {
        Charge charge = CURRENT.get();
        if (charge == null) {
            return;
        }
        if (charge.prepaid() != null && charge.prepaid().spend()) {
            charge.gate().beforePrepaidCall();
        } else {
            charge.gate().beforeCall();
        }
    }
}
