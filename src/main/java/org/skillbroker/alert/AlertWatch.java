package org.skillbroker.alert;

import org.skillbroker.token.AlertMark;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns conditions into alerts: one alert when a condition starts, a reminder at most once per repeat interval
 * while it lasts, and one "resolved" when it ends. Conditions are read from shared state (the grant, pending
 * reverts), so every node sees the same; the {@link AlertLedger}'s compare-and-replace lets exactly one of them
 * send. Other code adds conditions with {@link #watch}.
 */
public final class AlertWatch {

    private static final System.Logger LOG = System.getLogger(AlertWatch.class.getName());

    /** A condition as the status page shows it. */
    public record Active(AlertKind kind, Instant since, String detail) {
    }

    /** Told of every alert this node decided to send. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = alert -> { };

        void alerted(Alert alert);
    }

    private final Map<AlertKind, ConditionProbe> probes = new LinkedHashMap<>();
    private final AlertLedger ledger;
    private final AlertDelivery delivery;
    private final Clock clock;
    private final Duration repeatInterval;
    private final String broker;
    private final Listener listener;

    public AlertWatch(AlertLedger ledger, AlertDelivery delivery, Clock clock, Duration repeatInterval, String broker,
                      Listener listener) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.repeatInterval = Objects.requireNonNull(repeatInterval, "repeatInterval");
        this.broker = Objects.requireNonNull(broker, "broker");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Adds (or replaces) the probe of one condition, e.g. {@link AlertKind#REVERT_OVERDUE}. */
    public synchronized void watch(AlertKind kind, ConditionProbe probe) {
        if (kind == AlertKind.TEST) {
            throw new IllegalArgumentException("the test alert is not a condition");
        }
        probes.put(kind, Objects.requireNonNull(probe, "probe"));
    }

    /** The timer's tick: looks at every condition once. A failing probe is skipped, not taken as "resolved". */
    public void evaluate() {
        Map<AlertKind, ConditionProbe> snapshot;
        synchronized (this) {
            snapshot = new LinkedHashMap<>(probes);
        }
        snapshot.forEach((kind, probe) -> {
            try {
                evaluate(kind, probe.check(clock.instant()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Alert condition {0} could not be evaluated: {1}",
                        kind.slug(), e.getClass().getName());
            }
        });
    }

    private void evaluate(AlertKind kind, Optional<String> condition) {
        Instant now = clock.instant();
        Optional<AlertMark> mark = ledger.read(kind);
        boolean firing = mark.map(AlertMark::firing).orElse(false);
        if (condition.isPresent()) {
            String detail = condition.get();
            if (!firing) {
                claimAndSend(kind, mark, new AlertMark(true, now, now, detail),
                        new Alert(kind, Alert.State.FIRING, detail, now, broker));
            } else if (!now.isBefore(mark.get().lastSentAt().plus(repeatInterval))) {
                claimAndSend(kind, mark, new AlertMark(true, mark.get().since(), now, detail),
                        new Alert(kind, Alert.State.FIRING, "Still the case since " + mark.get().since() + ". "
                                + detail, now, broker));
            }
        } else if (firing) {
            Duration lasted = Duration.between(mark.get().since(), now);
            claimAndSend(kind, mark, new AlertMark(false, mark.get().since(), now, ""),
                    new Alert(kind, Alert.State.RESOLVED, "Resolved after " + words(lasted) + ". No action needed.",
                            now, broker));
        }
    }

    private void claimAndSend(AlertKind kind, Optional<AlertMark> expected, AlertMark next,
                              Alert alert) {
        if (!ledger.replace(kind, expected, next)) {
            return; // another node claimed it and sends it
        }
        LOG.log(alert.state() == Alert.State.RESOLVED ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                "Alert: {0} ({1})", alert.subject(), alert.detail());
        listener.alerted(alert);
        delivery.deliver(alert);
    }

    /** Sends a test alert over every channel at once, whatever the ledger says. */
    public Alert sendTest(String requestedBy) {
        Alert alert = new Alert(AlertKind.TEST, Alert.State.TEST, "A test alert requested by " + requestedBy
                + " on the broker's status page. If you read this, this channel works.", clock.instant(), broker);
        listener.alerted(alert);
        delivery.deliver(alert);
        return alert;
    }

    /** The conditions that are firing now, from the shared ledger. */
    public List<Active> active() {
        List<AlertKind> kinds;
        synchronized (this) {
            kinds = List.copyOf(probes.keySet());
        }
        return kinds.stream().flatMap(kind -> ledger.read(kind).filter(AlertMark::firing)
                .map(m -> new Active(kind, m.since(), m.detail())).stream()).toList();
    }

    public AlertDelivery delivery() {
        return delivery;
    }

    static String words(Duration d) {
        if (d.toDays() >= 2) {
            return d.toDays() + " days";
        }
        if (d.toHours() >= 2) {
            return d.toHours() + " hours";
        }
        if (d.toMinutes() >= 2) {
            return d.toMinutes() + " minutes";
        }
        return Math.max(0, d.toSeconds()) + " seconds";
    }
}
