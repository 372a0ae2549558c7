package org.skillbroker.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {

    private static final long MS = 1_000_000;

    @Test
    void percentilesAreNearestRankOfTheSortedValues() {
        long[] oneToThousand = LongStream.rangeClosed(1, 1000).toArray();
        assertEquals(500, Latencies.percentile(oneToThousand, 50));
        assertEquals(990, Latencies.percentile(oneToThousand, 99));
        assertEquals(999, Latencies.percentile(oneToThousand, 99.9));
        assertEquals(1000, Latencies.percentile(oneToThousand, 100));

        long[] ten = LongStream.rangeClosed(1, 10).toArray();
        assertEquals(5, Latencies.percentile(ten, 50));
        assertEquals(10, Latencies.percentile(ten, 99), "fewer than 100 values: p99 is the maximum");
        assertEquals(7, Latencies.percentile(new long[]{7}, 0.1));
        assertThrows(IllegalArgumentException.class, () -> Latencies.percentile(new long[0], 50));
        assertThrows(IllegalArgumentException.class, () -> Latencies.percentile(ten, 0));
        assertThrows(IllegalArgumentException.class, () -> Latencies.percentile(ten, 100.5));
    }

    @Test
    void latenciesSortTheirInputAndReportMilliseconds() {
        long[] nanos = new long[1000];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (1000 - i) * MS; // descending: 1000 ms .. 1 ms
        }
        Latencies l = Latencies.of(nanos);
        assertEquals(1000, l.count());
        assertEquals(500.0, l.p50Ms());
        assertEquals(990.0, l.p99Ms());
        assertEquals(999.0, l.p999Ms());
        assertEquals(500.5, l.meanMs(), 1e-9);
        assertEquals(1000.0, l.maxMs());
        assertEquals(0, Latencies.of(new long[0]).count());
    }

    private static Report.Side side(double p50, double p99, double rps) {
        return new Report.Side((int) (rps * 10), 10, new Latencies(1000, p50, p99, p99 * 2, p50, p99 * 3), 0);
    }

    private static Report passing() {
        return new Report()
                .add(new Report.Row(1, "change", side(2.0, 3.0, 500), side(1.5, 2.5, 600), 250,
                        new Report.Upstream(5000, 5000, 5000, 0)))
                .add(new Report.Row(32, "change", side(10.4, 20.0, 3000), side(9.6, 16.0, 3300), 200,
                        new Report.Upstream(5000, 5000, 5000, 0)))
                .add(new Report.Row(32, "read", side(5.0, 9.0, 6000), side(4.5, 8.0, 7000), 120, null))
                .deploy(new Report.Deploy(5_414_140, 400, 900, 1500, 1900, 1200, 300))
                .heap(new Report.Heap(10_000, 30L << 20, 100_000, (30L << 20) + 200_000))
                .condition("rate limits raised");
    }

    @Test
    void rowsDeriveRatioAndAddedLatency() {
        Report.Row row = passing().rows().get(1);
        assertEquals(0.8, row.addedP50Ms(), 1e-9);
        assertEquals(4.0, row.addedP99Ms(), 1e-9);
        assertEquals(10.4 / 9.6, row.ratioP50(), 1e-9);
        assertEquals(1.25, row.ratioP99(), 1e-9);
        assertEquals(3000.0, row.broker().requestsPerSecond(), 1e-9);
        assertEquals(2.0, row.upstream().perChange(), 1e-9);
    }

    @Test
    void aReportWithinEveryTargetSaysMet() {
        Report report = passing();
        assertTrue(report.allMet(), report.markdown());
        String md = report.markdown();
        assertFalse(md.contains("MISSED"), md);
        assertTrue(md.contains("| 32 | change | 3000 | 3300 | 10.4 / 20.0 / 40.0 | 9.60 / 16.0 / 32.0 | 1.08 / 1.25 "
                + "| 0.80 / 4.00 | 200 | 2.000 (5000 GET + 5000 PUT for 5000) | 0 / 0 |"), md);
        assertTrue(md.contains("| WAR size | ≤ 6 MB | 5.41 MB | MET |"), md);
        assertTrue(md.contains("| deploy (into a running Tomcat) to first successful API request | ≤ 2 s | 1.50 s | MET |"), md);
        assertTrue(md.contains("- rate limits raised"), md);
    }

    @Test
    void everyMissedTargetIsSaidWithItsFigure() {
        Report report = new Report()
                .add(new Report.Row(32, "change", side(12.0, 30.0, 3000), side(10.0, 20.0, 3300), 200,
                        new Report.Upstream(100, 100, 100, 4)))
                .deploy(new Report.Deploy(6_100_000, 400, 900, 2500, 2900, 1200, 300))
                .heap(new Report.Heap(10_000, 30L << 20, 100_000, 40L << 20));

        assertFalse(report.allMet());
        String md = report.markdown();
        assertTrue(md.contains("**MISSED** (2.00 ms)"), md);   // added p50
        assertTrue(md.contains("**MISSED** (10.0 ms)"), md);   // added p99
        assertTrue(md.contains("**MISSED** (+10.00 MiB)"), md);
        assertTrue(md.contains("**MISSED** (2.50 s)"), md);
        assertTrue(md.contains("**MISSED** (6.10 MB)"), md);
        assertTrue(md.contains("**MISSED** (2.040 (100 GET + 100 PUT + 4 other for 100))"), md);
        assertEquals(6, report.targets().stream().filter(t -> !t.met()).count());
    }

    @Test
    void missingMeasurementsAreMissedNotSilentlyPassed() {
        Report report = new Report().add(new Report.Row(8, "read", side(1, 2, 100), side(1, 2, 100), 10, null));
        assertFalse(report.allMet());
        assertTrue(report.markdown().contains("**MISSED** (not measured)"));
    }

    @Test
    void jsonCarriesEveryFigureAndTheVerdicts() {
        JsonObject json = Json.createReader(new StringReader(passing().duration(61.4).jsonText())).readObject();
        assertEquals(3, json.getJsonArray("levels").size());
        JsonObject row = json.getJsonArray("levels").getJsonObject(1);
        assertEquals(32, row.getInt("callers"));
        assertEquals(0.8, row.getJsonNumber("addedP50Ms").doubleValue(), 1e-9);
        assertEquals(3000.0, row.getJsonObject("broker").getJsonNumber("requestsPerSecond").doubleValue(), 1e-9);
        assertEquals(40.0, row.getJsonObject("broker").getJsonNumber("p999Ms").doubleValue(), 1e-9);
        assertTrue(row.getJsonObject("upstream").getBoolean("steady"));
        assertEquals(200_000, json.getJsonObject("heap").getInt("growthBytes"));
        assertEquals(1500, json.getJsonObject("deploy").getInt("tomcatStartToFirstApiOkMs"));
        assertEquals(61, json.getInt("durationSeconds"));
        assertTrue(json.getBoolean("allTargetsMet"));
        assertFalse(json.getJsonArray("levels").getJsonObject(2).containsKey("upstream"));
    }
}
