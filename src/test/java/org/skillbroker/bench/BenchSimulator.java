package org.skillbroker.bench;

import org.skillbroker.simulator.SimUser;
import org.skillbroker.simulator.WebexSimulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Webex simulator as the benchmark's child process: {@link WebexSimulator} on a fixed port, as
 * {@code WebexSimulator.main} starts it, plus what the benchmark needs and the simulator's HTTP control API does
 * not offer: its Contact Center rate limit raised (via {@code setRateLimitPerMinute}) and many skill profiles, so
 * that every load-generating caller can own one. Prints one line {@code BENCH-SIM ...} when ready (ids only).
 *
 * <p>Args: port clientId clientSecret redirectUri profileCount ratePerMinute
 */
public final class BenchSimulator {

    /** Supervisors of the sustained-budget scenario ({@link #supervisorKey}); agents of team A added. */
    static final int SUPERVISORS = 20;
    static final int AGENTS = 12;

    private BenchSimulator() {
    }

    private static String uuid(String name) {
        return java.util.UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    static String supervisorKey(int i) {
        return String.format("bench-supervisor-%02d", i);
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        int profileCount = Integer.parseInt(args[4]);
        WebexSimulator sim = WebexSimulator.start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        sim.registerClient(args[1], args[2], args[3]);
        sim.setRateLimitPerMinute(Integer.parseInt(args[5]));
        Map<String, String> skills = sim.seededSkills();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < profileCount; i++) {
            Map<String, Integer> values = new LinkedHashMap<>();
            values.put(skills.get("German"), 5);
            values.put(skills.get("Spanish"), 3);
            values.put(skills.get("French"), 0);
            ids.add(sim.createSkillProfile(sim.orgId(), String.format("Bench %04d", i), values));
        }
        // the sustained-budget scenario's supervisors: distinct people, even = limited to team A, odd = all teams
        for (int i = 0; i < SUPERVISORS; i++) {
            String key = supervisorKey(i);
            boolean limited = i % 2 == 0;
            sim.putUser(new SimUser(key, uuid("person:" + key), sim.orgId(), key + "@org-a.example",
                    "Bench Supervisor " + i, uuid("cc-user:" + key), "SUPERVISOR",
                    limited ? "SPECIFIC" : "ALL", limited ? List.of(sim.teamA()) : List.of(),
                    List.of(sim.teamA())));
        }
        // agents for the Agents actions (a bulk change of 10), in team A like the seeded agent
        for (int i = 0; i < AGENTS; i++) {
            sim.addAgent(String.format("bench-agent-%02d", i), String.format("Bench Agent %02d", i),
                    List.of(sim.teamA()));
        }
        System.out.println("BENCH-SIM org=" + sim.orgId() + " skill=" + skills.get("French")
                + " dynamic-skill=" + skills.get("German") + " profiles=" + String.join(",", ids));
        System.out.flush();
        Thread.currentThread().join();
    }
}
