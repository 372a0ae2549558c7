package org.skillbroker.skills.control;

import java.time.Duration;

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
         * Whether the hold is sure to last {@code atLeast} more (renewing it if it must): checked before every
         * Webex call, so that a hold never runs out while a call made under it is still in flight.
         */
        boolean lastsFor(Duration atLeast);

        @Override
        void close();
    }
}
