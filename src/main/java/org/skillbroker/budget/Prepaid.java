package org.skillbroker.budget;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Contact Center call taken from the budget before its request is made ({@link UpstreamGate#prepay()}): the
 * read-back that confirms writes, so a budget spent by the writes cannot leave them unconfirmed. Spent by the
 * first request made with it; the pause after a 429 still holds it back.
 */
public final class Prepaid {

    private final AtomicBoolean unused = new AtomicBoolean(true);

    Prepaid() {
    }

    boolean spend() {
        return unused.getAndSet(false);
    }
}
