package org.skillbroker.token;

import java.nio.file.Path;

/**
 * The grant file exists but cannot be turned back into a grant: wrong or retired key, altered, truncated or
 * not a grant file at all. The file is left where it is for an operator to inspect.
 */
public final class StoreUnreadableException extends StoreException {

    StoreUnreadableException(Path file, String reason) {
        super(file, reason, null);
    }

    StoreUnreadableException(Path file, String reason, Throwable cause) {
        super(file, reason, cause);
    }
}
