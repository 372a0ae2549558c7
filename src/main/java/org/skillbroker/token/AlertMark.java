package org.skillbroker.token;

import java.time.Instant;
import java.util.Objects;

/**
 * Whether an alert is firing and when it was last sent, as stored with the grant (see {@code AlertLedger}).
 *
 * @param firing the condition was last seen active
 * @param since when it started (once resolved: when it had started)
 * @param lastSentAt when the last alert about it was sent
 * @param detail the words of the last alert, for the status page; never a secret
 */
public record AlertMark(boolean firing, Instant since, Instant lastSentAt, String detail) {
    public AlertMark {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(lastSentAt, "lastSentAt");
        detail = detail == null ? "" : detail;
    }
}
