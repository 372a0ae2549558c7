package org.skillbroker.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * Sends alerts over every channel, each channel on its own daemon thread, so a hanging mail server neither
 * delays the Webex message nor ever touches the refresher's thread. A failed send is retried with exponential
 * backoff and jitter (honouring a receiver's Retry-After) until it is older than the repeat interval: by then the
 * next reminder is on its way anyway. At most {@link #MAX_PENDING} deliveries wait per channel; more are dropped
 * and logged, so a flood of alerts costs a bounded amount of memory.
 */
public final class AlertDelivery implements AutoCloseable {

    static final int MAX_PENDING = 50;
    private static final System.Logger LOG = System.getLogger(AlertDelivery.class.getName());

    /** Told of every final outcome: the event history records it. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (alert, channel, delivered, why) -> { };

        void delivered(Alert alert, AlertChannel channel, boolean delivered, String why);
    }

    /** What the status page shows per channel. */
    public record ChannelStatus(String name, String target, Optional<Instant> lastDeliveredAt,
                                Optional<Instant> lastFailedAt, Optional<String> lastFailure, int pending) {
    }

    private final List<Lane> lanes = new ArrayList<>();
    private final Clock clock;
    private final Duration retryInitial;
    private final Duration retryMax;
    private final Duration giveUpAfter;
    private final DoubleSupplier jitter;
    private final Listener listener;

    public AlertDelivery(List<AlertChannel> channels, Clock clock, Duration retryInitial, Duration retryMax,
                         Duration giveUpAfter, DoubleSupplier jitter, Listener listener) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retryInitial = Objects.requireNonNull(retryInitial, "retryInitial");
        this.retryMax = Objects.requireNonNull(retryMax, "retryMax");
        this.giveUpAfter = Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.listener = Objects.requireNonNull(listener, "listener");
        channels.forEach(channel -> lanes.add(new Lane(channel)));
    }

    public boolean hasChannels() {
        return !lanes.isEmpty();
    }

    /** Queues the alert on every channel and returns at once. */
    public void deliver(Alert alert) {
        for (Lane lane : lanes) {
            lane.submit(alert);
        }
    }

    public List<ChannelStatus> status() {
        return lanes.stream().map(Lane::status).toList();
    }

    /** Backoff before attempt {@code failures + 1}: initial, 2x, 4x … capped, times [0.5, 1), Retry-After as floor. */
    Duration backoff(int failures, Optional<Duration> retryAfter) {
        int exponent = Math.max(0, Math.min(failures - 1, 20));
        Duration base = retryInitial.multipliedBy(1L << exponent);
        if (base.compareTo(retryMax) > 0) {
            base = retryMax;
        }
        Duration jittered = Duration.ofMillis((long) (base.toMillis() * (0.5 + jitter.getAsDouble() / 2)));
        return retryAfter.filter(r -> r.compareTo(jittered) > 0).orElse(jittered);
    }

    @Override
    public void close() {
        lanes.forEach(Lane::close);
    }

    /** One channel's thread and its bookkeeping. */
    private final class Lane {
        private final AlertChannel channel;
        private final ScheduledExecutorService executor;
        private final AtomicInteger pending = new AtomicInteger();
        private final java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();
        private final List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile Instant lastDeliveredAt;
        private volatile Instant lastFailedAt;
        private volatile String lastFailure;

        Lane(AlertChannel channel) {
            this.channel = channel;
            this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "skill-broker-alerts-" + channel.name().replace(' ', '-'));
                thread.setDaemon(true);
                threads.add(thread);
                return thread;
            });
        }

        void submit(Alert alert) {
            if (pending.incrementAndGet() > MAX_PENDING) {
                pending.decrementAndGet();
                long n = dropped.incrementAndGet();
                if (Long.bitCount(n) == 1) { // 1st, 2nd, 4th, 8th ...: a flood must not flood the log too
                    LOG.log(System.Logger.Level.ERROR, "Alert dropped ({0} so far), {1} already waiting for the {2}: "
                            + "{3}", n, MAX_PENDING, channel.name(), alert.subject());
                }
                return;
            }
            schedule(alert, 1, Duration.ZERO);
        }

        private void schedule(Alert alert, int attempt, Duration delay) {
            try {
                executor.schedule(() -> attempt(alert, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                pending.decrementAndGet(); // shutting down
            }
        }

        private void attempt(Alert alert, int attempt) {
            try {
                channel.send(alert);
                lastDeliveredAt = clock.instant();
                LOG.log(System.Logger.Level.INFO, "Alert sent by {0}: {1}", channel.name(), alert.subject());
                listener.delivered(alert, channel, true, "");
                pending.decrementAndGet(); // last: "nothing waiting" means every outcome was told
            } catch (AlertChannel.DeliveryException e) {
                failed(alert, attempt, e.getMessage(), e.retryAfter());
            } catch (RuntimeException e) {
                // a channel's bug must not end the lane's thread
                failed(alert, attempt, e.getClass().getSimpleName(), Optional.empty());
            }
        }

        private void failed(Alert alert, int attempt, String why, Optional<Duration> retryAfter) {
            Instant now = clock.instant();
            lastFailedAt = now;
            lastFailure = why;
            Duration wait = backoff(attempt, retryAfter);
            if (!now.plus(wait).isBefore(alert.at().plus(giveUpAfter))) {
                LOG.log(System.Logger.Level.ERROR, "Alert not delivered by {0} after {1} attempts, giving up: {2} ({3})",
                        channel.name(), attempt, alert.subject(), why);
                listener.delivered(alert, channel, false, why);
                pending.decrementAndGet();
                return;
            }
            LOG.log(System.Logger.Level.WARNING, "Alert delivery by {0} failed (attempt {1}): {2}; retrying in {3}",
                    channel.name(), attempt, why, wait);
            schedule(alert, attempt + 1, wait);
        }

        ChannelStatus status() {
            return new ChannelStatus(channel.name(), channel.target(), Optional.ofNullable(lastDeliveredAt),
                    Optional.ofNullable(lastFailedAt), Optional.ofNullable(lastFailure), pending.get());
        }

        void close() {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
                for (Thread thread : threads) {
                    thread.join(TimeUnit.SECONDS.toMillis(5));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
