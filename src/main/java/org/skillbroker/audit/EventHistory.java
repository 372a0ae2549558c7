package org.skillbroker.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What happened to the broker's connection, for the operator: connected, disconnected, refreshed, failed,
 * re-checked, alerted, and every operator action. Each event is also one JSON line on the audit logger
 * ({@value AuditTrail#LOGGER}), so the container's log keeps them too. Never a token or a secret: the words come
 * from fixed phrases, e-mail addresses and Webex tracking ids.
 */
public final class EventHistory {

    /** The audit trail's resource id of the broker's events (a skill profile's id is a UUID: no clash). */
    public static final String RESOURCE = "broker-events";
    private static final System.Logger LOG = System.getLogger(AuditTrail.LOGGER);
    private static final System.Logger PROBLEMS = System.getLogger(EventHistory.class.getName());

    /** One event; {@code actor} is an administrator's e-mail, or empty for the broker itself. */
    public record Event(Instant at, String kind, String actor, String detail) {
        public Event {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(kind, "kind");
            actor = actor == null ? "" : actor;
            detail = detail == null ? "" : detail;
        }
    }

    /** Where events are kept: shared by the nodes, so every node's status page shows the same history. */
    public interface Store {
        void append(Event event);

        /** Newest first. */
        List<Event> latest(int limit);
    }

    private final Store store;
    private final Clock clock;

    public EventHistory(Store store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void record(String kind, String actor, String detail) {
        Event event = new Event(clock.instant(), kind, actor, detail);
        LOG.log(System.Logger.Level.INFO, org.skillbroker.Jsonp.createObjectBuilder()
                .add("time", event.at().toString()).add("event", kind).add("actor", event.actor())
                .add("detail", event.detail()).build().toString());
        try {
            store.append(event);
        } catch (RuntimeException e) {
            // the history is for reading later; losing one event must not fail what happened
            PROBLEMS.log(System.Logger.Level.WARNING, "Event not stored in the history ({0}): {1}",
                    e.getClass().getSimpleName(), kind);
        }
    }

    public List<Event> latest(int limit) {
        try {
            return store.latest(limit);
        } catch (RuntimeException e) {
            PROBLEMS.log(System.Logger.Level.WARNING, "Event history unavailable ({0})", e.getClass().getSimpleName());
            return List.of();
        }
    }

    /**
     * Keeps the events in the shared audit trail (the cluster-state port), as entries of the resource
     * {@value #RESOURCE}: every node's status page shows the same history, and the store's history query pages
     * through it. The entry's profile name holds the kind, its outcome the detail, its e-mail the actor.
     */
    public static Store shared(org.skillbroker.state.AuditLog log, String orgId) {
        Objects.requireNonNull(log, "log");
        return new Store() {
            @Override
            public void append(Event event) {
                try {
                    log.append(new AuditEntry(event.at(), "", event.actor(), "", orgId, RESOURCE, event.kind(),
                            List.of(), event.detail(), 0, "", ""));
                } catch (org.skillbroker.state.StoreWriteException e) {
                    throw new IllegalStateException(e.getMessage());
                }
            }

            @Override
            public List<Event> latest(int limit) {
                return log.history(RESOURCE, java.util.Optional.empty(), limit).stream()
                        .map(e -> new Event(e.time(), e.profileName(), e.email(), e.outcome())).toList();
            }
        };
    }

    /** Keeps the latest events of this node in memory (unit tests). */
    public static Store inMemory(int keep) {
        java.util.Deque<Event> events = new java.util.ArrayDeque<>();
        return new Store() {
            @Override
            public synchronized void append(Event event) {
                events.addFirst(event);
                while (events.size() > keep) {
                    events.removeLast();
                }
            }

            @Override
            public synchronized List<Event> latest(int limit) {
                return events.stream().limit(limit).toList();
            }
        };
    }
}
