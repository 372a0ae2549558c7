package org.skillbroker.servers;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for an asynchronous effect (a server booting, a deployment appearing) with a deadline; never for time. */
public final class Poll {

    private Poll() {
    }

    /** Calls {@code probe} every 100 ms until it returns true; an exception counts as "not yet". */
    public static void until(Callable<Boolean> probe, Duration deadline, String what) {
        long end = System.nanoTime() + deadline.toNanos();
        Throwable last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(probe.call())) {
                    return;
                }
                last = null;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + deadline + ": " + what
                        + (last == null ? "" : " (last error: " + last + ")"));
            }
            try {
                Thread.sleep(100); // polling interval, not a wait for time to pass
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
