package org.skillbroker.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The sustained-budget scenario: {@code bench.sustained.supervisors} supervisors (distinct people and Desktop
 * tokens, every other one limited to team A) work for {@code bench.sustained.duration} against one broker at its
 * DEFAULT settings (Contact Center budget 270 a minute, 60 requests a minute per caller, 240 a minute in all),
 * with the simulator at Contact Center's own limit (300 a minute per client id). Each supervisor does what the
 * widget does (open the list, open a profile, change a skill, look at the history or the Agents view, change an
 * agent), with a think time drawn between half and one and a half times {@code bench.sustained.think}, and when the
 * broker holds an action back (503 with Retry-After: the budget; 429: the caller's own limit) waits as the widget
 * does and tries again. Printed per minute: Contact Center calls (the integration's token, counted by the
 * simulator), changes served, actions held back.
 */
final class SustainedBudget {

    /** Contact Center's limit per integration and minute; the scenario's target is to stay under it. */
    static final int CONTACT_CENTER_LIMIT = 300;

    private final Benchmark bench;
    private final Duration duration;
    private final int supervisors;
    private final Duration think;
    /** 1, or 2 nodes sharing one file store, each request to the next node in turn (as nginx round-robin does). */
    private final int nodes;
    private final String[] bases;

    SustainedBudget(Benchmark bench) {
        this.bench = bench;
        this.duration = Duration.parse(Benchmark.prop("bench.sustained.duration", bench.quick() ? "PT1M" : "PT5M"));
        this.supervisors = Math.min(BenchSimulator.SUPERVISORS, Benchmark.integer("bench.sustained.supervisors",
                BenchSimulator.SUPERVISORS));
        this.think = Duration.parse(Benchmark.prop("bench.sustained.think", "PT10S"));
        this.nodes = Math.max(1, Math.min(2, Benchmark.integer("bench.sustained.nodes", 2)));
        this.bases = nodes == 1 ? new String[]{bench.base()} : new String[]{bench.base(), bench.secondBase()};
    }

    /** What one supervisor's action came to. */
    enum Outcome { SERVED, HELD_BACK_BUDGET, HELD_BACK_CALLER_LIMIT, FAILED }

    record Done(long atMillis, String action, boolean change, Outcome outcome, int status) {
    }

    Result run() throws Exception {
        bench.simulatorRateLimit(CONTACT_CENTER_LIMIT);
        bench.startBroker(bench.requiredSettings(), "broker-sustained");
        if (nodes == 2) {
            bench.startSecondNode(bench.requiredSettings(), "broker-sustained-2");
            bench.awaitReady(bench.secondBase());
        }
        bench.awaitReady();
        String[] tokens = new String[supervisors];
        for (int i = 0; i < supervisors; i++) {
            tokens[i] = bench.desktopToken(BenchSimulator.supervisorKey(i));
        }
        List<String> agentIds = agentIds(tokens[0]);
        bench.resetCounters();
        List<Done> done = Collections.synchronizedList(new ArrayList<>());
        long start = System.currentTimeMillis();
        long end = start + duration.toMillis();
        Benchmark.log("sustained: %d supervisors for %s, think time %s ± 50 %%, %d node(s), broker and simulator at "
                + "their default limits", supervisors, duration, think, nodes);
        ExecutorService pool = Executors.newFixedThreadPool(supervisors);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < supervisors; i++) {
            int s = i;
            futures.add(pool.submit(() -> {
                supervisor(s, tokens[s], agentIds, end, done);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(duration.toMinutes() + 5, TimeUnit.MINUTES);
        }
        pool.shutdownNow();
        List<SimCalls.Call> calls = bench.received(0);
        bench.stopBrokers();
        bench.simulatorRateLimit(Benchmark.SIM_RATE_PER_MINUTE);
        Result result = new Result(start, duration, supervisors, nodes, think, calls, List.copyOf(done),
                Benchmark.loadAverage());
        Benchmark.log("sustained: Contact Center calls per minute %s, max in any 60 s %d; changes per minute %s; "
                + "held back %d", Arrays.toString(result.contactCenterPerMinute()), result.maxInAnyMinute(),
                Arrays.toString(result.changesPerMinute()), result.heldBack());
        return result;
    }

    // ---- one supervisor ----

    private void supervisor(int s, String token, List<String> agentIds, long end, List<Done> done) {
        Random random = new Random(1000 + s);
        List<String> mine = bench.profiles().subList(s, s + 1); // one profile of their own: no lock contention
        String profile = mine.get(0);
        int value = 0;
        // the widget opens first
        String next = "open the widget";
        while (System.currentTimeMillis() < end) {
            HttpResponse<String>[] last = new HttpResponse[1];
            boolean change = false;
            try {
                switch (next) {
                    case "open the widget" -> last[0] = get("/api/skill-profiles?page=0", token);
                    case "open a profile" -> {
                        last[0] = get("/api/skill-profiles/" + profile, token);
                        if (last[0].statusCode() == 200) {
                            last[0] = get("/api/skill-profiles/" + profile + "/reverts", token);
                        }
                    }
                    case "change a skill" -> {
                        change = true;
                        value = (value + 1) % 11;
                        last[0] = patch("/api/skill-profiles/" + profile, token, "{\"activeSkills\":[{\"skillId\":\""
                                + bench.skill() + "\",\"proficiencyValue\":" + value + "}]}");
                    }
                    case "history" -> last[0] = get("/api/skill-profiles/" + profile + "/history", token);
                    case "open the Agents view" -> last[0] = get("/api/agents?page=0", token);
                    case "change an agent" -> {
                        change = true;
                        String agent = agentIds.get(random.nextInt(agentIds.size()));
                        last[0] = patch("/api/agents/" + agent, token, "{\"dynamicSkills\":[{\"skillId\":\""
                                + bench.dynamicSkill() + "\",\"value\":" + (1 + random.nextInt(10)) + "}]}");
                    }
                    default -> throw new IllegalStateException(next);
                }
            } catch (IOException e) {
                done.add(new Done(System.currentTimeMillis(), next, change, Outcome.FAILED, -1));
                next = pick(random);
                pause(thinkTime(random), end);
                continue;
            }
            int status = last[0].statusCode();
            Outcome outcome = status / 100 == 2 ? Outcome.SERVED
                    : status == 503 && last[0].body().contains("upstream-rate-limited") ? Outcome.HELD_BACK_BUDGET
                    : status == 429 ? Outcome.HELD_BACK_CALLER_LIMIT : Outcome.FAILED;
            done.add(new Done(System.currentTimeMillis(), next, change, outcome, status));
            if (outcome == Outcome.HELD_BACK_BUDGET || outcome == Outcome.HELD_BACK_CALLER_LIMIT) {
                // the widget shows "try again in n s" and the supervisor does: the same action after Retry-After
                long wait = last[0].headers().firstValueAsLong("Retry-After").orElse(5);
                pause(Duration.ofSeconds(Math.max(1, wait)), end);
                continue;
            }
            next = pick(random);
            pause(thinkTime(random), end);
        }
    }

    /** What a supervisor does next, by how often the widget's users do it. */
    private static String pick(Random random) {
        int r = random.nextInt(100);
        return r < 10 ? "open the widget" : r < 40 ? "open a profile" : r < 75 ? "change a skill"
                : r < 82 ? "history" : r < 92 ? "open the Agents view" : "change an agent";
    }

    private Duration thinkTime(Random random) {
        return Duration.ofMillis((long) (think.toMillis() * (0.5 + random.nextDouble())));
    }

    private static void pause(Duration d, long end) {
        long until = Math.min(System.currentTimeMillis() + d.toMillis(), end);
        while (System.currentTimeMillis() < until) {
            LockSupport.parkNanos(Math.max(1, until - System.currentTimeMillis()) * 1_000_000L);
        }
    }

    private List<String> agentIds(String token) throws IOException {
        HttpResponse<String> r = get("/api/agents?search=bench%20agent", token);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /api/agents answered " + r.statusCode());
        }
        JsonObject json = Json.createReader(new StringReader(r.body())).readObject();
        return json.getJsonArray("agents").getValuesAs(JsonObject.class).stream().map(a -> a.getString("id"))
                .toList();
    }

    private final java.util.concurrent.atomic.AtomicLong turn = new java.util.concurrent.atomic.AtomicLong();

    /** The next node in turn (nginx's round-robin: no stickiness, the widget's calls carry their token). */
    private String node() {
        return bases[(int) (turn.getAndIncrement() % bases.length)];
    }

    private HttpResponse<String> get(String path, String token) throws IOException {
        return bench.send(HttpRequest.newBuilder(URI.create(node() + path)).GET()
                .header("Authorization", "Bearer " + token));
    }

    private HttpResponse<String> patch(String path, String token, String body) throws IOException {
        return bench.send(HttpRequest.newBuilder(URI.create(node() + path))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token));
    }

    // ---- the figures (pure arithmetic; SustainedBudgetTest checks them) ----

    record Result(long startMillis, Duration duration, int supervisors, int nodes, Duration think,
                  List<SimCalls.Call> calls, List<Done> done, String loadAverage) {

        private int minutes() {
            return (int) Math.max(1, (duration.toMillis() + 59_999) / 60_000);
        }

        private int minute(long atMillis) {
            return (int) Math.min(minutes() - 1, Math.max(0, (atMillis - startMillis) / 60_000));
        }

        /** Contact Center calls with the integration's token, per minute of the run. */
        int[] contactCenterPerMinute() {
            int[] n = new int[minutes()];
            calls.stream().filter(SimCalls.Call::contactCenter).forEach(c -> n[minute(c.atMillis())]++);
            return n;
        }

        /** The most Contact Center calls in any 60 s (a sliding window: how Cisco may count). */
        int maxInAnyMinute() {
            long[] at = calls.stream().filter(SimCalls.Call::contactCenter).mapToLong(SimCalls.Call::atMillis)
                    .sorted().toArray();
            int max = 0;
            for (int i = 0, j = 0; i < at.length; i++) {
                while (at[i] - at[j] >= 60_000) {
                    j++;
                }
                max = Math.max(max, i - j + 1);
            }
            return max;
        }

        int[] changesPerMinute() {
            int[] n = new int[minutes()];
            done.stream().filter(d -> d.change() && d.outcome() == Outcome.SERVED).forEach(d -> n[minute(d.atMillis())]++);
            return n;
        }

        int[] count(Outcome outcome) {
            int[] n = new int[minutes()];
            done.stream().filter(d -> d.outcome() == outcome).forEach(d -> n[minute(d.atMillis())]++);
            return n;
        }

        int[] actionsPerMinute() {
            int[] n = new int[minutes()];
            done.forEach(d -> n[minute(d.atMillis())]++);
            return n;
        }

        long heldBack() {
            return done.stream().filter(d -> d.outcome() == Outcome.HELD_BACK_BUDGET
                    || d.outcome() == Outcome.HELD_BACK_CALLER_LIMIT).count();
        }

        long failed() {
            return done.stream().filter(d -> d.outcome() == Outcome.FAILED).count();
        }

        List<Report.Target> targets() {
            int max = Arrays.stream(contactCenterPerMinute()).max().orElse(0);
            List<Report.Target> t = new ArrayList<>();
            t.add(new Report.Target("sustained: Contact Center calls in every minute, " + supervisors
                    + " supervisors for " + duration.toMinutes() + " min", "< " + CONTACT_CENTER_LIMIT,
                    "at most " + max, max < CONTACT_CENTER_LIMIT));
            t.add(new Report.Target("sustained: Contact Center calls in any 60 s", "< " + CONTACT_CENTER_LIMIT,
                    Integer.toString(maxInAnyMinute()), maxInAnyMinute() < CONTACT_CENTER_LIMIT));
            t.add(new Report.Target("sustained: actions failed (not served, not held back)", "0",
                    Long.toString(failed()), failed() == 0));
            return t;
        }

        String markdown() {
            int[] cc = contactCenterPerMinute();
            int[] changes = changesPerMinute();
            int[] actions = actionsPerMinute();
            int[] budget = count(Outcome.HELD_BACK_BUDGET);
            int[] callerLimit = count(Outcome.HELD_BACK_CALLER_LIMIT);
            int[] failed = count(Outcome.FAILED);
            StringBuilder md = new StringBuilder("\n## Sustained budget: ").append(supervisors)
                    .append(" supervisors for ").append(duration.toMinutes()).append(" minutes at the default limits, ")
                    .append(nodes == 1 ? "one broker" : nodes + " nodes sharing one file store").append("\n\n")
                    .append("| minute | Contact Center calls | changes served | actions | held back: budget (503) "
                            + "| held back: caller's limit (429) | failed |\n|---:|---:|---:|---:|---:|---:|---:|\n");
            for (int m = 0; m < cc.length; m++) {
                md.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %d |%n", m + 1, cc[m], changes[m],
                        actions[m], budget[m], callerLimit[m], failed[m]));
            }
            md.append(String.format(Locale.ROOT, "| all | %d | %d | %d | %d | %d | %d |%n", Arrays.stream(cc).sum(),
                    Arrays.stream(changes).sum(), Arrays.stream(actions).sum(), Arrays.stream(budget).sum(),
                    Arrays.stream(callerLimit).sum(), Arrays.stream(failed).sum()));
            md.append(String.format(Locale.ROOT, "%nMost Contact Center calls in any 60 s: %d (limit %d). Think time "
                    + "%s ± 50 %%; every other supervisor limited to team A; load average at the end %s.%n",
                    maxInAnyMinute(), CONTACT_CENTER_LIMIT, think, loadAverage));
            return md.toString();
        }
    }
}
