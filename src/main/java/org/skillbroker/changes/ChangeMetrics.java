package org.skillbroker.changes;

import org.skillbroker.metrics.Metrics;

/** {@code skillbroker_reverts_total{outcome}}: timed reverts scheduled, done, superseded, failed, cancelled. */
public final class ChangeMetrics {

    public static final String SCHEDULED = "scheduled";
    public static final String DONE = "done";
    public static final String SUPERSEDED = "superseded";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    private final Metrics.Counter reverts;
    private final Metrics.Counter undos;

    public ChangeMetrics(Metrics metrics) {
        this.reverts = metrics.counter("skillbroker_reverts_total",
                "Timed reverts by outcome: scheduled, done (by the timer or revert-now), superseded (the value "
                        + "had moved on, left alone), failed (attempts that will be retried), cancelled.", "outcome");
        this.undos = metrics.counter("skillbroker_undos_total", "Undo requests by outcome (done, refused).",
                "outcome");
        for (String outcome : new String[] {SCHEDULED, DONE, SUPERSEDED, FAILED, CANCELLED}) {
            reverts.declare(outcome);
        }
    }

    public void revert(String outcome) {
        reverts.inc(outcome);
    }

    public long reverts(String outcome) {
        return reverts.get(outcome);
    }

    public void undo(String outcome) {
        undos.inc(outcome);
    }
}
