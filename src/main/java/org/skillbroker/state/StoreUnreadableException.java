package org.skillbroker.state;

/**
 * The stored grant exists but cannot be turned back into a grant: wrong or retired key, altered, truncated or
 * not a grant at all. It is left where it is for an operator to inspect.
 */
public final class StoreUnreadableException extends StoreException {

    public StoreUnreadableException(String location, String reason) {
        super(location, reason, null);
    }

    public StoreUnreadableException(String location, String reason, Throwable cause) {
        super(location, reason, cause);
    }
}
