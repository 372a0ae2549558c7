package org.skillbroker.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Everything the simulated APIs received, in order; counts are derived from it. */
final class Counters {

    private final List<Received> received = new ArrayList<>();

    synchronized void record(Received r) {
        received.add(r);
    }

    synchronized int count(String method, String pathPattern) {
        int n = 0;
        for (Received r : received) {
            if (PathPattern.methodMatches(method, r.method()) && PathPattern.matches(pathPattern, r.path())) {
                n++;
            }
        }
        return n;
    }

    synchronized List<Received> all() {
        return List.copyOf(received);
    }

    synchronized void reset() {
        received.clear();
    }

    /** "METHOD /path" → count, for the HTTP control API. */
    synchronized Map<String, Integer> byRequestLine() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Received r : received) {
            counts.merge(r.method() + " " + r.path(), 1, Integer::sum);
        }
        return counts;
    }
}
