package org.skillbroker.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The calls-per-action table: for each user action, the Webex calls it is allowed (the README's table of upstream
 * calls per user action) against the calls the simulator counted. A row is MET only when every endpoint's count is
 * exactly the target's: one call more is waste or an undocumented cost, one fewer a table that says too much.
 * Pure data: the benchmark fills it, {@code CallsTableTest} checks it.
 */
final class CallsTable {

    /**
     * @param action   what the supervisor does, as the README's table names it
     * @param caches   "cold" (the broker's caches have not seen it) or "warm" (done again at once)
     * @param target   calls allowed, by {@link SimCalls.Call#key()}
     * @param measured calls counted
     */
    record Row(String action, String caches, Map<String, Integer> target, Map<String, Integer> measured) {
        Row {
            target = new TreeMap<>(target);
            measured = new TreeMap<>(measured);
        }

        boolean met() {
            return target.equals(measured);
        }

        /** What Contact Center counts: calls with the integration's token. */
        static int integration(Map<String, Integer> calls) {
            return calls.entrySet().stream().filter(e -> e.getKey().startsWith("integration "))
                    .mapToInt(Map.Entry::getValue).sum();
        }

        static int caller(Map<String, Integer> calls) {
            return calls.entrySet().stream().filter(e -> !e.getKey().startsWith("integration "))
                    .mapToInt(Map.Entry::getValue).sum();
        }
    }

    /** The target of a row: pairs of call key and count. */
    static Map<String, Integer> calls(Object... keysAndCounts) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndCounts.length; i += 2) {
            m.merge((String) keysAndCounts[i], (Integer) keysAndCounts[i + 1], Integer::sum);
        }
        return m;
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();

    CallsTable add(Row row) {
        rows.add(Objects.requireNonNull(row));
        return this;
    }

    CallsTable condition(String line) {
        conditions.add(line);
        return this;
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    List<Report.Target> targets() {
        List<Report.Target> targets = new ArrayList<>();
        for (Row r : rows) {
            targets.add(new Report.Target("calls per action: " + r.action() + " (" + r.caches() + ")",
                    total(r.target()), total(r.measured()) + (r.met() ? "" : "; " + difference(r)), r.met()));
        }
        return targets;
    }

    /** "3 integration + 1 caller". */
    static String total(Map<String, Integer> calls) {
        return String.format(Locale.ROOT, "%d integration + %d caller", Row.integration(calls), Row.caller(calls));
    }

    /** Endpoint by endpoint, what differs: "+1 integration GET v2/skill, -1 ...". */
    static String difference(Row r) {
        Map<String, Integer> diff = new TreeMap<>();
        r.measured().forEach((k, v) -> diff.merge(k, v, Integer::sum));
        r.target().forEach((k, v) -> diff.merge(k, -v, Integer::sum));
        return diff.entrySet().stream().filter(e -> e.getValue() != 0)
                .map(e -> String.format(Locale.ROOT, "%+d %s", e.getValue(), e.getKey()))
                .collect(Collectors.joining(", "));
    }

    static String list(Map<String, Integer> calls) {
        if (calls.isEmpty()) {
            return "none";
        }
        return calls.entrySet().stream().map(e -> (e.getValue() == 1 ? "" : e.getValue() + "× ") + e.getKey())
                .collect(Collectors.joining(", "));
    }

    String markdown() {
        StringBuilder md = new StringBuilder("\n## Webex calls per user action\n\n")
                .append("Counted by the simulator for each action alone (`GET /_sim/received`). *integration* = the ")
                .append("broker's grant, what Contact Center's 300 a minute counts; *caller* = the supervisor's own ")
                .append("Desktop token (`desktop`). Targets: the README's table of upstream calls per user action.\n\n")
                .append("| action | caches | integration | caller | calls measured | verdict |\n")
                .append("|---|---|---:|---:|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(r.action()).append(" | ").append(r.caches())
                    .append(" | ").append(Row.integration(r.measured()))
                    .append(" | ").append(Row.caller(r.measured()))
                    .append(" | ").append(list(r.measured()))
                    .append(" | ").append(r.met() ? "MET" : "**MISSED** (target " + list(r.target()) + "; "
                            + difference(r) + ")")
                    .append(" |\n");
        }
        if (!conditions.isEmpty()) {
            md.append("\n");
            conditions.forEach(c -> md.append("- ").append(c).append('\n'));
        }
        return md.toString();
    }
}
