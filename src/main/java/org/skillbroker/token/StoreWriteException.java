package org.skillbroker.token;

import java.nio.file.Path;

/** Writing the grant file failed; the previous file, if any, is unchanged. */
public final class StoreWriteException extends StoreException {

    StoreWriteException(Path file, String reason) {
        super(file, reason, null);
    }

    StoreWriteException(Path file, String reason, Throwable cause) {
        super(file, reason, cause);
    }
}
