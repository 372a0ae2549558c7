package org.skillbroker.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Injected faults. Each rule matches a method and a {@link PathPattern}; the first matching rule with times left
 * fires. Applies to the simulated Webex APIs, never to the {@code /_sim/} control endpoints.
 */
public final class Faults {

    private final List<Rule> rules = new ArrayList<>();

    /**
     * @param method      HTTP method, or "*" for any
     * @param pathPattern path glob: '*' one segment, '**' any number
     * @param times       how many matching requests get the fault; -1 until {@link #clear()}
     */
    public synchronized Faults on(String method, String pathPattern, Fault fault, int times) {
        if (times == 0 || times < -1) {
            throw new IllegalArgumentException("times must be positive or -1");
        }
        rules.add(new Rule(method, pathPattern, java.util.Objects.requireNonNull(fault, "fault"), times));
        return this;
    }

    public synchronized void clear() {
        rules.clear();
    }

    /** Takes one use of the first rule that matches, if any. */
    synchronized Optional<Fault> take(String method, String path) {
        for (Rule rule : rules) {
            if (PathPattern.methodMatches(rule.method, method) && PathPattern.matches(rule.pathPattern, path)) {
                if (rule.remaining > 0 && --rule.remaining == 0) {
                    rules.remove(rule);
                }
                return Optional.of(rule.fault);
            }
        }
        return Optional.empty();
    }

    private static final class Rule {
        final String method;
        final String pathPattern;
        final Fault fault;
        int remaining;

        Rule(String method, String pathPattern, Fault fault, int times) {
            this.method = method;
            this.pathPattern = pathPattern;
            this.fault = fault;
            this.remaining = times;
        }
    }
}
