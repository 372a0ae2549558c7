package org.skillbroker.simulator;

import java.time.Duration;
import java.util.Objects;

/** A misbehaviour the simulator shows instead of (or, for {@link Delay}, before) its normal answer. */
public sealed interface Fault {

    /** Answer with this status and a JSON error body in the shape of the matched API. */
    static Fault status(int code) {
        return new Status(code);
    }

    /** 429 with {@code Retry-After} and no body, as CC does (webex-api.md §6). */
    static Fault rateLimited(int retryAfterSeconds) {
        return new RateLimited(retryAfterSeconds);
    }

    /** Wait (real time), then answer normally: for client timeouts and concurrency tests. */
    static Fault delay(Duration d) {
        return new Delay(d);
    }

    /** Break the connection mid-response so the client sees a premature EOF / IOException. */
    static Fault dropConnection() {
        return new DropConnection();
    }

    /** 200 with a truncated JSON body. */
    static Fault malformedJson() {
        return new MalformedJson();
    }

    /**
     * Run {@code action}, then answer normally: a hook for tests, e.g. to change a skill profile as another writer
     * would between the broker's GET and its PUT.
     */
    static Fault run(Runnable action) {
        return new Run(action);
    }

    record Run(Runnable action) implements Fault {
        public Run {
            Objects.requireNonNull(action, "action");
        }
    }

    record Status(int code) implements Fault {
        public Status {
            if (code < 100 || code > 599) {
                throw new IllegalArgumentException("HTTP status out of range: " + code);
            }
        }
    }

    record RateLimited(int retryAfterSeconds) implements Fault {
        public RateLimited {
            if (retryAfterSeconds < 0) {
                throw new IllegalArgumentException("retryAfterSeconds must not be negative");
            }
        }
    }

    record Delay(Duration duration) implements Fault {
        public Delay {
            Objects.requireNonNull(duration, "duration");
        }
    }

    record DropConnection() implements Fault {
    }

    record MalformedJson() implements Fault {
    }
}
