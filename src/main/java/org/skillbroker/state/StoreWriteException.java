package org.skillbroker.state;

/** Writing to the store failed; what was stored before is unchanged. */
public final class StoreWriteException extends StoreException {

    public StoreWriteException(String location, String reason) {
        super(location, reason, null);
    }

    public StoreWriteException(String location, String reason, Throwable cause) {
        super(location, reason, cause);
    }
}
