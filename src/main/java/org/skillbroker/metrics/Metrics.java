package org.skillbroker.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * A few counters, histograms and gauges, written out in the Prometheus text format (version 0.0.4). Hand-made on
 * purpose: the broker needs a dozen series, and a metrics library would add about a megabyte to a WAR that goes
 * into other people's servers. Label values come from a small fixed set (routes, statuses), never from callers.
 */
public final class Metrics {

    /** Latency buckets in seconds: from a cache hit to a slow upstream. */
    private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Map<String, Family> families = new ConcurrentSkipListMap<>();

    public Counter counter(String name, String help, String... labelNames) {
        return (Counter) families.computeIfAbsent(name, n -> new Counter(n, help, labelNames));
    }

    public Histogram histogram(String name, String help, String... labelNames) {
        return (Histogram) families.computeIfAbsent(name, n -> new Histogram(n, help, labelNames));
    }

    public void gauge(String name, String help, DoubleSupplier value) {
        families.put(name, new Gauge(name, help, value));
    }

    /**
     * A counter kept elsewhere (a {@code LongAdder} in the part that counts), read at scrape time.
     *
     * @param series the series name, optionally with fixed labels: {@code name{label="value"}}
     */
    public void sampledCounter(String series, String help, java.util.function.LongSupplier value) {
        int brace = series.indexOf('{');
        String name = brace < 0 ? series : series.substring(0, brace);
        String labels = brace < 0 ? "" : series.substring(brace);
        ((Sampled) families.computeIfAbsent(name, n -> new Sampled(n, help))).series.put(labels, value);
    }

    /** Everything, in the Prometheus text exposition format. */
    public String scrape() {
        StringBuilder out = new StringBuilder(4096);
        for (Family family : families.values()) {
            out.append("# HELP ").append(family.name).append(' ').append(family.help).append('\n');
            out.append("# TYPE ").append(family.name).append(' ').append(family.type()).append('\n');
            family.write(out);
        }
        return out.toString();
    }

    private abstract static class Family {
        final String name;
        final String help;
        final String[] labelNames;

        Family(String name, String help, String[] labelNames) {
            this.name = name;
            this.help = help;
            this.labelNames = labelNames;
        }

        abstract String type();

        abstract void write(StringBuilder out);

        String key(String... values) {
            if (values.length != labelNames.length) {
                throw new IllegalArgumentException(name + " takes labels " + Arrays.toString(labelNames));
            }
            return String.join("\u0000", values);
        }

        String labels(String key, String extraName, String extraValue) {
            List<String> parts = new ArrayList<>();
            String[] values = key.isEmpty() && labelNames.length == 0 ? new String[0] : key.split("\u0000", -1);
            for (int i = 0; i < labelNames.length; i++) {
                parts.add(labelNames[i] + "=\"" + escape(values[i]) + "\"");
            }
            if (extraName != null) {
                parts.add(extraName + "=\"" + extraValue + "\"");
            }
            return parts.isEmpty() ? "" : "{" + String.join(",", parts) + "}";
        }

        private static String escape(String value) {
            return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        }
    }

    /** A monotonically increasing count per label set. */
    public static final class Counter extends Family {
        private final Map<String, LongAdder> values = new ConcurrentHashMap<>();

        Counter(String name, String help, String[] labelNames) {
            super(name, help, labelNames);
        }

        public void inc(String... labelValues) {
            values.computeIfAbsent(key(labelValues), k -> new LongAdder()).increment();
        }

        /** Shows this label set at 0 before its first event, so a scraper sees the series from the start. */
        public void declare(String... labelValues) {
            values.computeIfAbsent(key(labelValues), k -> new LongAdder());
        }

        public long get(String... labelValues) {
            LongAdder adder = values.get(key(labelValues));
            return adder == null ? 0 : adder.sum();
        }

        @Override
        String type() {
            return "counter";
        }

        @Override
        void write(StringBuilder out) {
            new ConcurrentSkipListMap<>(values).forEach((key, adder) ->
                    out.append(name).append(labels(key, null, null)).append(' ').append(adder.sum()).append('\n'));
        }
    }

    /** Observations in cumulative buckets, with their sum and count. */
    public static final class Histogram extends Family {
        private final Map<String, Series> values = new ConcurrentHashMap<>();

        Histogram(String name, String help, String[] labelNames) {
            super(name, help, labelNames);
        }

        public void observe(double seconds, String... labelValues) {
            values.computeIfAbsent(key(labelValues), k -> new Series()).observe(seconds);
        }

        @Override
        String type() {
            return "histogram";
        }

        @Override
        void write(StringBuilder out) {
            new ConcurrentSkipListMap<>(values).forEach((key, series) -> {
                long cumulative = 0;
                for (int i = 0; i < BUCKETS.length; i++) {
                    cumulative += series.buckets[i].sum();
                    out.append(name).append("_bucket").append(labels(key, "le", format(BUCKETS[i])))
                            .append(' ').append(cumulative).append('\n');
                }
                long count = series.count.sum();
                out.append(name).append("_bucket").append(labels(key, "le", "+Inf")).append(' ').append(count).append('\n');
                out.append(name).append("_sum").append(labels(key, null, null)).append(' ')
                        .append(format(series.sum.sum())).append('\n');
                out.append(name).append("_count").append(labels(key, null, null)).append(' ').append(count).append('\n');
            });
        }

        private static final class Series {
            final LongAdder[] buckets = new LongAdder[BUCKETS.length];
            final LongAdder count = new LongAdder();
            final DoubleAdder sum = new DoubleAdder();

            Series() {
                for (int i = 0; i < buckets.length; i++) {
                    buckets[i] = new LongAdder();
                }
            }

            void observe(double seconds) {
                for (int i = 0; i < BUCKETS.length; i++) {
                    if (seconds <= BUCKETS[i]) {
                        buckets[i].increment();
                        break;
                    }
                }
                count.increment();
                sum.add(seconds);
            }
        }
    }

    private static final class Sampled extends Family {
        private final Map<String, java.util.function.LongSupplier> series = new ConcurrentSkipListMap<>();

        Sampled(String name, String help) {
            super(name, help, new String[0]);
        }

        @Override
        String type() {
            return "counter";
        }

        @Override
        void write(StringBuilder out) {
            series.forEach((labels, value) -> out.append(name).append(labels).append(' ')
                    .append(value.getAsLong()).append('\n'));
        }
    }

    private static final class Gauge extends Family {
        private final DoubleSupplier value;

        Gauge(String name, String help, DoubleSupplier value) {
            super(name, help, new String[0]);
            this.value = value;
        }

        @Override
        String type() {
            return "gauge";
        }

        @Override
        void write(StringBuilder out) {
            double v = value.getAsDouble();
            if (!Double.isNaN(v)) {
                out.append(name).append(' ').append(format(v)).append('\n');
            }
        }
    }

    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%s", value);
    }
}
