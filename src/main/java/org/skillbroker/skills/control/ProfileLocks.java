package org.skillbroker.skills.control;

import org.skillbroker.problem.ApiException;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises writes to one profile within this node, so two supervisors' changes are applied one after the
 * other instead of racing to Contact Center (where the loser would need a re-read). Striped: a fixed number of
 * locks, chosen by the profile id's hash, so memory stays bounded; two profiles sharing a stripe only wait a
 * little. The wait is bounded so a hung upstream cannot pile up the container's threads.
 */
public final class ProfileLocks implements ProfileWriteGuard {

    private static final int STRIPES = 64;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    private final Duration maxWait;

    public ProfileLocks(Duration maxWait) {
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock(true); // fair: changes to a profile are applied in arrival order
        }
    }

    /** Holds the profile's lock until closed. @throws ApiException 503 when it cannot be had in time */
    public Held lock(String profileId) {
        return hold(profileId);
    }

    @Override
    public Held hold(String profileId) {
        ReentrantLock lock = locks[Math.floorMod(profileId.hashCode(), STRIPES)];
        try {
            if (!lock.tryLock(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        return new Held() {
            @Override
            public boolean stillHeld() {
                return lock.isHeldByCurrentThread(); // a JVM lock does not run out
            }

            @Override
            public void close() {
                lock.unlock();
            }
        };
    }

    static ApiException busy() {
        return ApiException.of("busy", "Skill profile busy", 503,
                "Other changes to this skill profile are still being saved. Try again in a moment.")
                .withHeader("Retry-After", "2");
    }

}
