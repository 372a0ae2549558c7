package org.skillbroker.token;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A store operation failed on a file. The message names the file and a short reason, never what the file held:
 * it ends up in logs and on the operator's status page.
 */
public abstract sealed class StoreException extends Exception permits StoreUnreadableException, StoreWriteException {

    private final Path file;
    private final String reason;

    StoreException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = Objects.requireNonNull(file, "file");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Path file() {
        return file;
    }

    /** A short reason such as "authentication failed" or "unknown key id k0". */
    public String reason() {
        return reason;
    }
}
