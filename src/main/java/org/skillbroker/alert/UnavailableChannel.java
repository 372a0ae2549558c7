package org.skillbroker.alert;

/** A configured channel that cannot work in this server (e.g. no Jakarta Mail); every send says why. */
record UnavailableChannel(String name, String target, String why) implements AlertChannel {
    @Override
    public void send(Alert alert) throws DeliveryException {
        throw new DeliveryException(why);
    }
}
