package org.skillbroker.alert;

import jakarta.json.JsonObject;
import org.skillbroker.Jsonp;

import java.time.Instant;
import java.util.Objects;

/**
 * One message to the operator. Built only from fixed words and facts the status page shows anyway (times, the
 * admin's e-mail address, Webex tracking ids): never a token, a code, a secret or a key.
 *
 * @param detail what happened and what to do, in plain words
 * @param broker where the operator acts: the broker's /setup address when known, else its org id
 */
public record Alert(AlertKind kind, State state, String detail, Instant at, String broker) {

    public enum State { FIRING, RESOLVED, TEST }

    public Alert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        detail = detail == null ? "" : detail;
        broker = broker == null ? "" : broker;
    }

    /** One line, e.g. for a mail subject: "[Skill Broker] RESOLVED: The Webex grant expires soon". */
    public String subject() {
        String prefix = switch (state) {
            case FIRING -> "";
            case RESOLVED -> "Resolved: ";
            case TEST -> "";
        };
        return "[Skill Broker] " + prefix + kind.title();
    }

    /** Plain text: the body of a mail, and the fallback text of a Webex message. */
    public String text() {
        return subject() + "\n\n" + detail + "\n\nBroker: " + broker + "\nTime: " + at + "\nEvent: " + kind.slug()
                + " (" + state.name().toLowerCase(java.util.Locale.ROOT) + ")\n";
    }

    /** Webex message markdown. */
    public String markdown() {
        return "**" + subject() + "**  \n" + detail + "  \n_" + broker + " · " + at + " · " + kind.slug() + "_";
    }

    /** The webhook's body; field names are part of the README's contract. */
    public JsonObject json() {
        return Jsonp.createObjectBuilder()
                .add("source", "skill-broker")
                .add("event", kind.slug())
                .add("state", state.name().toLowerCase(java.util.Locale.ROOT))
                .add("title", kind.title())
                .add("detail", detail)
                .add("broker", broker)
                .add("at", at.toString())
                .build();
    }
}
