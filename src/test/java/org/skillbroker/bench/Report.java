package org.skillbroker.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The benchmark's figures and their comparison with the targets of issue 6, rendered as a markdown table and as
 * JSON. Pure data and arithmetic: the benchmark fills it, {@code ReportTest} checks it.
 */
public final class Report {

    /** Targets (issue 6). */
    public static final int TARGET_CALLERS = 32;
    public static final double TARGET_ADDED_P50_MS = 1.0;
    public static final double TARGET_ADDED_P99_MS = 5.0;
    public static final long TARGET_DEPLOY_MS = 2_000;
    /** 6 MB read strictly as 6,000,000 bytes. */
    public static final long TARGET_WAR_BYTES = 6_000_000;
    /** "No growth" after a full GC, allowing for 1 MiB of noise (class loading, JIT-related objects, buffers). */
    public static final long HEAP_GROWTH_TOLERANCE_BYTES = 1024 * 1024;

    /** One side (through the broker, or direct) of one phase. */
    public record Side(int requests, double seconds, Latencies latency, int errors) {
        public double requestsPerSecond() {
            return seconds <= 0 ? Double.NaN : requests / seconds;
        }
    }

    /** Calls the simulator received during a change-only phase through the broker. */
    public record Upstream(int changes, int profileGets, int profilePuts, int other) {
        public double perChange() {
            return changes == 0 ? Double.NaN : (double) (profileGets + profilePuts + other) / changes;
        }

        /** Exactly one GET and one PUT per change, nothing else: identity and role came from the cache. */
        public boolean steady() {
            return changes > 0 && profileGets == changes && profilePuts == changes && other == 0;
        }
    }

    /**
     * One concurrency level and workload.
     *
     * @param cpuMicrosPerRequest the broker JVM's user+system CPU time during the phase, per request
     * @param upstream            null unless the workload is change-only
     */
    public record Row(int callers, String workload, Side broker, Side direct, double cpuMicrosPerRequest,
                      Upstream upstream) {
        public Row {
            Objects.requireNonNull(workload, "workload");
            Objects.requireNonNull(broker, "broker");
            Objects.requireNonNull(direct, "direct");
        }

        public double ratioP50() {
            return broker.latency().p50Ms() / direct.latency().p50Ms();
        }

        public double ratioP99() {
            return broker.latency().p99Ms() / direct.latency().p99Ms();
        }

        public double addedP50Ms() {
            return broker.latency().p50Ms() - direct.latency().p50Ms();
        }

        public double addedP99Ms() {
            return broker.latency().p99Ms() - direct.latency().p99Ms();
        }
    }

    /**
     * Deploy timings (milliseconds) of a redeploy with a stored grant, and of the very first deploy.
     *
     * @param processToTomcatStartMs     JVM process start → the WAR's deploy begins (JVM, class loading, an empty Tomcat started)
     * @param tomcatStartToHealthOkMs    deploy begins (into the running Tomcat: unpack, web.xml, start-up) → first 200 from /health
     * @param tomcatStartToFirstApiOkMs  deploy begins → first 200 from {@code GET /api/skill-profiles/{id}}
     * @param processToFirstApiOkMs      JVM process start → first 200 from the API
     * @param freshTomcatStartToHealthAnswerMs first deploy, no grant: deploy begins → /health answers (503)
     * @param connectMs                  the admin's connect flow, /setup to the stored grant (done by the benchmark)
     */
    public record Deploy(long warBytes, long processToTomcatStartMs, long tomcatStartToHealthOkMs,
                         long tomcatStartToFirstApiOkMs, long processToFirstApiOkMs,
                         long freshTomcatStartToHealthAnswerMs, long connectMs) {
    }

    /** Heap in use after a full GC, at two points of the run (requests through the broker so far). */
    public record Heap(long firstRequests, long firstBytes, long lastRequests, long lastBytes) {
        public long growthBytes() {
            return lastBytes - firstBytes;
        }
    }

    /** A target and whether it was met. */
    public record Target(String name, String goal, String measured, boolean met) {
        public String verdict() {
            return met ? "MET" : "MISSED (" + measured + ")";
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();
    /** The targets of the other sections (calls per action, sustained budget, footprint), verdicts already made. */
    private final List<Target> extraTargets = new ArrayList<>();
    private Deploy deploy;
    private Heap heap;
    private double durationSeconds = Double.NaN;
    private String mode = "full";

    public Report add(Row row) {
        rows.add(Objects.requireNonNull(row));
        return this;
    }

    /** A line saying how the figures were obtained (settings changed for the benchmark, machine, ...). */
    public Report condition(String line) {
        conditions.add(line);
        return this;
    }

    public Report extraTargets(List<Target> targets) {
        extraTargets.addAll(targets);
        return this;
    }

    public Report deploy(Deploy d) {
        deploy = d;
        return this;
    }

    public Report heap(Heap h) {
        heap = h;
        return this;
    }

    public Report duration(double seconds) {
        durationSeconds = seconds;
        return this;
    }

    public Report mode(String m) {
        mode = m;
        return this;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        if (rows.isEmpty() && deploy == null && heap == null && !extraTargets.isEmpty()) {
            return List.copyOf(extraTargets); // the latency section did not run (bench.sections)
        }
        List<Row> at = rows.stream().filter(r -> r.callers() == TARGET_CALLERS).toList();
        if (at.isEmpty()) {
            targets.add(new Target("added latency at " + TARGET_CALLERS + " callers", "p50 ≤ 1 ms, p99 ≤ 5 ms",
                    "not measured", false));
        }
        for (Row row : at) {
            targets.add(new Target("added latency p50 at " + TARGET_CALLERS + " callers, " + row.workload(),
                    "≤ " + num(TARGET_ADDED_P50_MS) + " ms", num(row.addedP50Ms()) + " ms",
                    row.addedP50Ms() <= TARGET_ADDED_P50_MS));
            targets.add(new Target("added latency p99 at " + TARGET_CALLERS + " callers, " + row.workload(),
                    "≤ " + num(TARGET_ADDED_P99_MS) + " ms", num(row.addedP99Ms()) + " ms",
                    row.addedP99Ms() <= TARGET_ADDED_P99_MS));
        }
        if (heap == null) {
            targets.add(new Target("heap after full GC", "no growth", "not measured", false));
        } else {
            targets.add(new Target("heap after full GC, " + count(heap.firstRequests()) + " → "
                    + count(heap.lastRequests()) + " requests", "no growth (≤ 1 MiB noise)",
                    signedMib(heap.growthBytes()), heap.growthBytes() <= HEAP_GROWTH_TOLERANCE_BYTES));
        }
        if (deploy == null) {
            targets.add(new Target("deploy to first successful request", "≤ 2 s", "not measured", false));
            targets.add(new Target("WAR size", "≤ 6 MB", "not measured", false));
        } else {
            targets.add(new Target("deploy (into a running Tomcat) to first successful API request", "≤ 2 s",
                    seconds(deploy.tomcatStartToFirstApiOkMs()), deploy.tomcatStartToFirstApiOkMs() <= TARGET_DEPLOY_MS));
            targets.add(new Target("WAR size", "≤ 6 MB", mb(deploy.warBytes()), deploy.warBytes() <= TARGET_WAR_BYTES));
        }
        for (Row row : rows) {
            if (row.upstream() != null) {
                Upstream u = row.upstream();
                targets.add(new Target("upstream calls per change at " + row.callers() + " callers",
                        "exactly 2 (1 GET + 1 PUT)", upstream(u), u.steady()));
            }
        }
        targets.addAll(extraTargets);
        return targets;
    }

    public boolean allMet() {
        return targets().stream().allMatch(Target::met);
    }

    // ---- markdown ----

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Skill Broker benchmark (").append(mode).append(" run");
        if (!Double.isNaN(durationSeconds)) {
            md.append(", ").append(String.format(Locale.ROOT, "%.0f s", durationSeconds));
        }
        md.append(")\n\n");
        if (!rows.isEmpty()) {
            md.append("Latencies in ms (p50 / p99 / p99.9); *added* = broker − direct; *ratio* = broker ÷ direct; "
                    + "CPU = the broker JVM's user+system CPU time per request.\n\n");
            md.append("| callers | workload | broker req/s | direct req/s | broker p50 / p99 / p99.9 "
                    + "| direct p50 / p99 / p99.9 | ratio p50 / p99 | added p50 / p99 | broker CPU µs/req "
                    + "| upstream calls/change | errors (broker/direct) |\n");
            md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
            for (Row r : rows) {
                md.append("| ").append(r.callers())
                        .append(" | ").append(r.workload())
                        .append(" | ").append(rate(r.broker().requestsPerSecond()))
                        .append(" | ").append(rate(r.direct().requestsPerSecond()))
                        .append(" | ").append(triple(r.broker().latency()))
                        .append(" | ").append(triple(r.direct().latency()))
                        .append(" | ").append(String.format(Locale.ROOT, "%.2f / %.2f", r.ratioP50(), r.ratioP99()))
                        .append(" | ").append(num(r.addedP50Ms())).append(" / ").append(num(r.addedP99Ms()))
                        .append(" | ").append(String.format(Locale.ROOT, "%.0f", r.cpuMicrosPerRequest()))
                        .append(" | ").append(r.upstream() == null ? "–" : upstream(r.upstream()))
                        .append(" | ").append(r.broker().errors()).append(" / ").append(r.direct().errors())
                        .append(" |\n");
            }
        }
        md.append("\n| target | goal | measured | verdict |\n|---|---|---:|---|\n");
        for (Target t : targets()) {
            md.append("| ").append(t.name()).append(" | ").append(t.goal()).append(" | ").append(t.measured())
                    .append(" | ").append(t.met() ? "MET" : "**MISSED** (" + t.measured() + ")").append(" |\n");
        }
        if (deploy != null || heap != null) {
            md.append("\n| figure | value |\n|---|---:|\n");
        }
        if (deploy != null) {
            md.append("| WAR size | ").append(mb(deploy.warBytes())).append(" (").append(deploy.warBytes())
                    .append(" bytes) |\n");
            md.append("| redeploy with a stored grant: JVM process start → deploy begins (empty Tomcat running) | ")
                    .append(seconds(deploy.processToTomcatStartMs())).append(" |\n");
            md.append("| redeploy: deploy begins → app ready (first 200 from /health) | ")
                    .append(seconds(deploy.tomcatStartToHealthOkMs())).append(" |\n");
            md.append("| redeploy: deploy begins → first successful API request (200) | ")
                    .append(seconds(deploy.tomcatStartToFirstApiOkMs())).append(" |\n");
            md.append("| redeploy: JVM process start → first successful API request | ")
                    .append(seconds(deploy.processToFirstApiOkMs())).append(" |\n");
            md.append("| first deploy, no grant: deploy begins → /health answers (503 not connected) | ")
                    .append(seconds(deploy.freshTomcatStartToHealthAnswerMs())).append(" |\n");
            md.append("| first deploy: admin connect flow (/setup → grant stored) | ")
                    .append(seconds(deploy.connectMs())).append(" |\n");
        }
        if (heap != null) {
            md.append("| heap in use after full GC at ").append(count(heap.firstRequests())).append(" requests | ")
                    .append(mib(heap.firstBytes())).append(" |\n");
            md.append("| heap in use after full GC at the end, ").append(count(heap.lastRequests()))
                    .append(" requests | ").append(mib(heap.lastBytes())).append(" |\n");
        }
        if (!conditions.isEmpty()) {
            md.append("\nConditions:\n\n");
            conditions.forEach(c -> md.append("- ").append(c).append('\n'));
        }
        return md.toString();
    }

    // ---- JSON ----

    public JsonObject json() {
        JsonArrayBuilder levels = Json.createArrayBuilder();
        for (Row r : rows) {
            JsonObjectBuilder row = Json.createObjectBuilder()
                    .add("callers", r.callers())
                    .add("workload", r.workload())
                    .add("broker", side(r.broker()))
                    .add("direct", side(r.direct()))
                    .add("ratioP50", finite(r.ratioP50()))
                    .add("ratioP99", finite(r.ratioP99()))
                    .add("addedP50Ms", finite(r.addedP50Ms()))
                    .add("addedP99Ms", finite(r.addedP99Ms()))
                    .add("brokerCpuMicrosPerRequest", finite(r.cpuMicrosPerRequest()));
            if (r.upstream() != null) {
                Upstream u = r.upstream();
                row.add("upstream", Json.createObjectBuilder().add("changes", u.changes())
                        .add("profileGets", u.profileGets()).add("profilePuts", u.profilePuts())
                        .add("other", u.other()).add("callsPerChange", finite(u.perChange()))
                        .add("steady", u.steady()));
            }
            levels.add(row);
        }
        JsonObjectBuilder json = Json.createObjectBuilder().add("mode", mode).add("levels", levels);
        if (!Double.isNaN(durationSeconds)) {
            json.add("durationSeconds", Math.round(durationSeconds));
        }
        if (deploy != null) {
            json.add("deploy", Json.createObjectBuilder()
                    .add("warBytes", deploy.warBytes())
                    .add("processToTomcatStartMs", deploy.processToTomcatStartMs())
                    .add("tomcatStartToHealthOkMs", deploy.tomcatStartToHealthOkMs())
                    .add("tomcatStartToFirstApiOkMs", deploy.tomcatStartToFirstApiOkMs())
                    .add("processToFirstApiOkMs", deploy.processToFirstApiOkMs())
                    .add("freshTomcatStartToHealthAnswerMs", deploy.freshTomcatStartToHealthAnswerMs())
                    .add("connectMs", deploy.connectMs()));
        }
        if (heap != null) {
            json.add("heap", Json.createObjectBuilder()
                    .add("firstRequests", heap.firstRequests()).add("firstBytes", heap.firstBytes())
                    .add("lastRequests", heap.lastRequests()).add("lastBytes", heap.lastBytes())
                    .add("growthBytes", heap.growthBytes()));
        }
        JsonArrayBuilder targets = Json.createArrayBuilder();
        for (Target t : targets()) {
            targets.add(Json.createObjectBuilder().add("name", t.name()).add("goal", t.goal())
                    .add("measured", t.measured()).add("met", t.met()));
        }
        json.add("targets", targets).add("allTargetsMet", allMet());
        JsonArrayBuilder cond = Json.createArrayBuilder();
        conditions.forEach(cond::add);
        return json.add("conditions", cond).build();
    }

    public String jsonText() {
        StringWriter out = new StringWriter();
        JsonWriterFactory factory = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        try (JsonWriter writer = factory.createWriter(out)) {
            writer.writeObject(json());
        }
        return out.toString().trim() + "\n";
    }

    private static JsonObjectBuilder side(Side s) {
        Latencies l = s.latency();
        return Json.createObjectBuilder()
                .add("requests", s.requests())
                .add("seconds", finite(s.seconds()))
                .add("requestsPerSecond", finite(s.requestsPerSecond()))
                .add("p50Ms", finite(l.p50Ms()))
                .add("p99Ms", finite(l.p99Ms()))
                .add("p999Ms", finite(l.p999Ms()))
                .add("meanMs", finite(l.meanMs()))
                .add("maxMs", finite(l.maxMs()))
                .add("errors", s.errors());
    }

    /** JSON has no NaN: rounded to microseconds, NaN as -1. */
    private static double finite(double d) {
        return Double.isFinite(d) ? Math.round(d * 1000) / 1000.0 : -1;
    }

    // ---- formatting ----

    static String num(double d) {
        if (!Double.isFinite(d)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.0f" : Math.abs(d) >= 10 ? "%.1f" : "%.2f", d);
    }

    private static String triple(Latencies l) {
        return num(l.p50Ms()) + " / " + num(l.p99Ms()) + " / " + num(l.p999Ms());
    }

    private static String rate(double d) {
        return Double.isFinite(d) ? String.format(Locale.ROOT, "%.0f", d) : "n/a";
    }

    private static String upstream(Upstream u) {
        String s = String.format(Locale.ROOT, "%.3f (%d GET + %d PUT", u.perChange(), u.profileGets(),
                u.profilePuts());
        return s + (u.other() == 0 ? "" : " + " + u.other() + " other") + " for " + u.changes() + ")";
    }

    static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.2f MB", bytes / 1_000_000.0);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    static String signedMib(long bytes) {
        return String.format(Locale.ROOT, "%+.2f MiB", bytes / 1048576.0);
    }

    static String count(long n) {
        return n >= 1000 && n % 1000 == 0 ? n / 1000 + " k" : String.format(Locale.ROOT, "%,d", n);
    }
}
