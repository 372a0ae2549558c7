package org.skillbroker.changes;

import org.skillbroker.audit.ChangeAttempt;
import org.skillbroker.caller.Caller;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A kind of resource whose changes are audited, undone and reverted on time by {@link Changes}: skill profiles
 * now, agents next. It is the only thing a kind implements; history, undo, pending reverts, the timer, the
 * leases and the audit are shared (see NOTES.md "how another resource kind plugs in").
 */
public interface Changeable {

    /** The kind's name in the audit trail and in pending reverts, e.g. {@code skill-profile}, {@code agent}. */
    String kind();

    /**
     * Whether the caller may change this resource now (the same rule as for their own changes).
     *
     * @throws org.skillbroker.problem.ApiException 403 (or 404) with the reason when not
     */
    void checkMayChange(Caller caller, String resourceId);

    /**
     * Sets fields back to what they were before a change: each field from {@link FieldChange#after()} to
     * {@link FieldChange#before()}, as one read-modify-write under the resource's cross-node write lock.
     * <ul>
     * <li>a field already at {@code before} counts as restored, without a write (a revert done twice writes
     *     once);</li>
     * <li>a field at neither value has moved on since: with {@link Policy#ALL} nothing is written and an
     *     {@code ApiException} 409 {@code moved-on} is thrown; with {@link Policy#EACH} it is left alone and
     *     reported in {@link Restored#skipped()};</li>
     * <li>{@code fence} is asked right before every write to Contact Center; when it answers false nothing more is
     *     written and an {@code ApiException} 503 is thrown (a node that lost its revert lease);</li>
     * <li>the write is checked to have taken, like the kind's own changes.</li>
     * </ul>
     *
     * @param changes the change to undo, as it was made (before → after)
     * @param attempt filled in with the resource's name, the fields written (after → before) and the trackingId
     */
    Restored restore(String resourceId, List<FieldChange> changes, Policy policy, BooleanSupplier fence,
                     ChangeAttempt attempt);

    /** What to do when some fields moved on since the change. */
    enum Policy {
        /** an undo: all fields or none */
        ALL,
        /** a timed revert: the fields still as the change left them, and leave the others alone */
        EACH
    }

    /**
     * @param restored the fields now back at their old values (as given, before → after of the original change)
     * @param skipped  the fields that had moved on and were left alone
     * @param written  whether Contact Center was written to
     */
    record Restored(List<FieldChange> restored, List<FieldChange> skipped, boolean written) {
        public Restored {
            restored = List.copyOf(restored);
            skipped = List.copyOf(skipped);
        }
    }
}
