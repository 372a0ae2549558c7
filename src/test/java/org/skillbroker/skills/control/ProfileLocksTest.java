package org.skillbroker.skills.control;

import org.junit.jupiter.api.Test;
import org.skillbroker.problem.ApiException;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProfileLocksTest {

    private static final String PROFILE = "93912f11-6017-404b-bf14-5331890b1797";

    @Test
    void aSecondWriterToTheSameProfileWaitsBoundedlyThenGets503() throws Exception {
        ProfileLocks locks = new ProfileLocks(Duration.ofMillis(50));
        try (ProfileLocks.Held held = locks.lock(PROFILE)) {
            ApiException busy = CompletableFuture.supplyAsync(() ->
                    assertThrows(ApiException.class, () -> locks.lock(PROFILE))).get(5, TimeUnit.SECONDS);

            assertEquals(503, busy.problem().status());
            assertEquals("2", busy.headers().get("Retry-After"));
        }
    }

    @Test
    void theLockIsFreeAgainOnceClosed() throws Exception {
        ProfileLocks locks = new ProfileLocks(Duration.ofMillis(50));
        locks.lock(PROFILE).close();

        CompletableFuture.runAsync(() -> locks.lock(PROFILE).close()).get(5, TimeUnit.SECONDS);
    }
}
