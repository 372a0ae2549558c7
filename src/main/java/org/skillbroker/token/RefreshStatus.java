package org.skillbroker.token;

import java.time.Instant;
import java.util.Optional;

/** What the refresher has done and will do next, for the status page and health. */
public record RefreshStatus(Optional<Instant> lastAttemptAt, Optional<RefreshOutcome> lastOutcome,
                            Optional<Instant> nextAttemptAt, int consecutiveFailures) {
}
