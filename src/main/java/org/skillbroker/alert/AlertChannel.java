package org.skillbroker.alert;

/** One way to reach the operator. A send either delivers or throws; retries are the caller's business. */
public interface AlertChannel {

    /** For the status page and the log, e.g. "Webex space", "e-mail", "webhook". */
    String name();

    /** Where it goes, without anything secret (a room id's tail, recipients, a host). */
    String target();

    void send(Alert alert) throws DeliveryException;

    /** A failed delivery; the message says why without quoting a secret or the receiver's answer. */
    final class DeliveryException extends Exception {
        private final java.time.Duration retryAfter;

        public DeliveryException(String message) {
            this(message, null);
        }

        public DeliveryException(String message, java.time.Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        /** A receiver's Retry-After, if it gave one. */
        public java.util.Optional<java.time.Duration> retryAfter() {
            return java.util.Optional.ofNullable(retryAfter);
        }
    }
}
