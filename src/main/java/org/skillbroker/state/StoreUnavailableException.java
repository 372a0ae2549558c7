package org.skillbroker.state;

/**
 * The shared store cannot be reached right now (database down, connection pool exhausted). Unchecked because it
 * can happen on any call; the web layer answers 503 with {@code Retry-After}. The message names the store and
 * the kind of failure, never a secret.
 */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
