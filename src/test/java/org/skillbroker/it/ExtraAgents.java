package org.skillbroker.it;

import org.skillbroker.simulator.SimUser;
import org.skillbroker.simulator.WebexSimulator;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Agents of team A a test class adds for a bulk change ({@code <prefix>1..n}), and takes away after. */
record ExtraAgents(String prefix, String name, int count) {

    void add(WebexSimulator sim) {
        for (int i = 1; i <= count; i++) {
            sim.addAgent(prefix + i, name + i, List.of(sim.teamA()));
        }
    }

    void remove(WebexSimulator sim) {
        for (int i = 1; i <= count; i++) {
            sim.removeUser(prefix + i);
        }
    }

    /** The i-th agent, from 1. */
    SimUser user(WebexSimulator sim, int i) {
        return sim.user(prefix + i).orElseThrow();
    }

    List<String> ids(WebexSimulator sim) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add(user(sim, i).ccUserId());
        }
        return ids;
    }

    /** {@code PATCH /api/agents}: every one of them gets {@code skillId} at {@code value}. */
    String bulkChange(WebexSimulator sim, String skillId, int value) {
        return "{\"agentIds\":[" + ids(sim).stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(","))
                + "],\"change\":{\"dynamicSkills\":[{\"skillId\":\"" + skillId + "\",\"value\":" + value + "}]}}";
    }
}
