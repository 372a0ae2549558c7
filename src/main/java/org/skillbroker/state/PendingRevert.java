package org.skillbroker.state;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A change to undo later, stored durably so that a restart or the death of a node does not lose it.
 *
 * @param id    unique, 1-64 characters of {@code [A-Za-z0-9_-]}
 * @param dueAt when it should be reverted
 * @param body  what to revert, in the scheduler's own format (JSON text, at most {@link #MAX_BODY_CHARS}); the
 *              store keeps it as is. Never a token.
 */
public record PendingRevert(String id, Instant dueAt, String body) {

    public static final int MAX_BODY_CHARS = 16_384;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public PendingRevert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(body, "body");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a revert id is 1-64 characters of A-Z a-z 0-9 _ -");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new IllegalArgumentException("a revert body is at most " + MAX_BODY_CHARS + " characters");
        }
    }
}
