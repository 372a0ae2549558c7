package org.skillbroker.state;

import java.time.Instant;

/** A held lease of {@link Leases}. Closing releases it if it is still ours; closing twice is harmless. */
public interface Lease extends AutoCloseable {

    String name();

    /** Larger for every later holder of the same name. */
    long fencingToken();

    /** When the lease runs out unless renewed. */
    Instant expiresAt();

    /**
     * Asks the store whether this lease is still the current holder of its name and not expired. Check it just
     * before a write that must not come from a stale holder.
     *
     * @throws StoreUnavailableException when the store cannot be reached (treat as "not current")
     */
    boolean isCurrent();

    /**
     * Extends the lease by its time to live from now.
     *
     * @return false if it was already lost (expired and taken, or released); it is then not extended
     */
    boolean renew();

    @Override
    void close();
}
