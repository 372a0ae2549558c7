package org.skillbroker.bench;

import java.util.Arrays;

/**
 * Percentiles of one phase's latencies, from a plain sorted array (no histogram library): nearest-rank, so a
 * reported p99 is a latency that was actually observed and at least 99 % of the requests were as fast or faster.
 */
public record Latencies(int count, double p50Ms, double p99Ms, double p999Ms, double meanMs, double maxMs) {

    public static final Latencies NONE = new Latencies(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** @param nanos latencies in nanoseconds; sorted in place */
    public static Latencies of(long[] nanos) {
        if (nanos.length == 0) {
            return NONE;
        }
        Arrays.sort(nanos);
        double sum = 0;
        for (long n : nanos) {
            sum += n;
        }
        return new Latencies(nanos.length, ms(percentile(nanos, 50)), ms(percentile(nanos, 99)),
                ms(percentile(nanos, 99.9)), ms(sum / nanos.length), ms(nanos[nanos.length - 1]));
    }

    /**
     * Nearest-rank percentile of an ascending array: the smallest value with at least {@code p} % of the values at
     * or below it.
     */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        // a small epsilon so that 99.9 % of 1000 is rank 999, not 1000 because of 0.999 * 1000 = 999.0000000000001
        int rank = (int) Math.ceil(p / 100.0 * sorted.length - 1e-9);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    private static double ms(double nanos) {
        return nanos / 1_000_000.0;
    }
}
