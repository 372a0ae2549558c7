package org.skillbroker.skills.control;

/**
 * Serialises writes to one skill profile, within this node and across the nodes sharing a store: Contact Center
 * documents no way to make a PUT conditional (its {@code version} may be ignored: last write wins), so two writers
 * of one profile must never overlap, or one loses the other's change.
 */
public interface ProfileWriteGuard {

    /** @throws org.skillbroker.problem.ApiException 503 with Retry-After when the profile stays busy */
    Held hold(String profileId);

    /** A held profile. */
    interface Held extends AutoCloseable {
        /**
         * Whether the hold is still this writer's: checked before every Webex call made under it, so that a writer
         * whose hold was lost (a stalled node whose lease expired and was taken) stops before its next call.
         */
        boolean stillHeld();

        @Override
        void close();
    }
}
