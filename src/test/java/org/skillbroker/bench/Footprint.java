package org.skillbroker.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The footprint section: what the WAR costs the Tomcat it is deployed into (loaded classes, metaspace, heap in use
 * after a full GC, threads) against the same Tomcat without it, and whether the broker lets go of all of it when
 * undeployed: {@code bench.redeploys} undeploy/deploy cycles under a little load, then an undeploy, and the
 * figures must be back where they were after the first undeploy, with no web-app class loader left alive.
 */
final class Footprint {

    /** Slack for the JVM's own noise (JIT, lambda forms, reflection helpers). A leaked deploy is ~3,000 classes. */
    static final int CLASS_TOLERANCE = 150;
    /** Of one deploy's metaspace: what a class loader kept by every deploy would add each time. */
    static final int METASPACE_TOLERANCE_PARTS = 8;
    static final String WEBAPP_LOADER = "org.apache.catalina.loader.ParallelWebappClassLoader";

    private static final Pattern METASPACE = Pattern.compile("Metaspace\\s+used\\s+(\\d+)K");
    private static final Pattern PERF = Pattern.compile("^(\\S+)=(\\d+)$", Pattern.MULTILINE);

    /** One look at the Tomcat's JVM after a full GC. */
    record Figures(long classes, long metaspaceBytes, long heapBytes, int threads, int webappLoaders) {
        Figures minus(Figures o) {
            return new Figures(classes - o.classes, metaspaceBytes - o.metaspaceBytes, heapBytes - o.heapBytes,
                    threads - o.threads, webappLoaders - o.webappLoaders);
        }
    }

    private final Benchmark bench;
    private final int redeploys;

    Footprint(Benchmark bench) {
        this.bench = bench;
        this.redeploys = Benchmark.integer("bench.redeploys", bench.quick() ? 5 : 20);
    }

    Result run() throws Exception {
        Child tomcat = bench.startEmptyTomcat(bench.requiredSettings(), "broker-footprint");
        tomcat.await("TOMCAT-EMPTY", Duration.ofSeconds(60));
        bench.pollUntil(bench.base() + "/health", null, s -> s == 404, Duration.ofSeconds(30));
        Figures empty = look(tomcat.pid());
        Benchmark.log("footprint: empty Tomcat %s", empty);

        deploy(tomcat);
        String token = bench.desktopToken("all-teams-supervisor");
        use(token);
        Figures deployed = look(tomcat.pid());
        Benchmark.log("footprint: with the WAR %s", deployed);
        undeploy(tomcat);
        Figures firstUndeploy = look(tomcat.pid());
        List<String> threadsBefore = threadNames(tomcat.pid());
        Benchmark.log("footprint: after the first undeploy %s", firstUndeploy);

        // redeploys under a little load: a caller keeps reading and changing while the WAR comes and goes
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger requests = new AtomicInteger();
        Thread load = new Thread(() -> {
            while (loading.get()) {
                try {
                    use(token);
                } catch (IOException | RuntimeException e) {
                    // 404/503 while the WAR is away or starting: that is the point
                }
                requests.incrementAndGet();
                LockSupport.parkNanos(20_000_000L);
            }
        }, "footprint-load");
        load.setDaemon(true);
        Figures last;
        Figures half = firstUndeploy;
        metaspaceByLoader(tomcat.pid(), "metaspace-after-first-undeploy.txt");
        try {
            load.start();
            for (int i = 1; i <= redeploys; i++) {
                deploy(tomcat);
                undeploy(tomcat);
                if (i == redeploys / 2) {
                    half = look(tomcat.pid());
                    metaspaceByLoader(tomcat.pid(), "metaspace-after-" + i + "-cycles.txt");
                    Benchmark.log("footprint: after %d cycles %s", i, half);
                }
            }
            deploy(tomcat);
            last = look(tomcat.pid());
            Benchmark.log("footprint: with the WAR after %d redeploys %s", redeploys, last);
        } finally {
            loading.set(false);
            load.join(30_000);
        }
        undeploy(tomcat);
        Figures after = look(tomcat.pid());
        List<String> threadsAfter = threadNames(tomcat.pid());
        threadsBefore.forEach(threadsAfter::remove);
        metaspaceByLoader(tomcat.pid(), "metaspace-after-" + redeploys + "-cycles.txt");
        Benchmark.log("footprint: after %d redeploys and an undeploy %s (%d requests meanwhile)", redeploys, after,
                requests.get());
        tomcat.tell("exit");
        bench.stopBrokers();
        return new Result(empty, deployed, firstUndeploy, half, last, after, redeploys, requests.get(),
                leakWarnings(bench.out().resolve("broker-footprint.log")), threadsAfter);
    }

    private void deploy(Child tomcat) throws IOException {
        tomcat.tell("deploy");
        tomcat.await("TOMCAT-DEPLOYED", Duration.ofSeconds(120));
        bench.pollUntil(bench.base() + "/health", null, s -> s == 200, Duration.ofSeconds(120));
    }

    private void undeploy(Child tomcat) throws IOException {
        tomcat.tell("undeploy");
        tomcat.await("TOMCAT-UNDEPLOYED", Duration.ofSeconds(120));
    }

    /** What a supervisor does: the list, a profile, a change (loads the classes a working broker has). */
    private void use(String token) throws IOException {
        String profile = bench.profiles().get(0);
        bench.send(HttpRequest.newBuilder(URI.create(bench.base() + "/api/skill-profiles?page=0")).GET()
                .header("Authorization", "Bearer " + token));
        bench.send(HttpRequest.newBuilder(URI.create(bench.base() + "/api/skill-profiles/" + profile)).GET()
                .header("Authorization", "Bearer " + token));
        bench.send(HttpRequest.newBuilder(URI.create(bench.base() + "/api/skill-profiles/" + profile))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"activeSkills\":[{\"skillId\":\""
                        + bench.skill() + "\",\"proficiencyValue\":" + (System.nanoTime() % 11) + "}]}"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token));
    }

    /** After two full GCs (the second collects what the first's unloading freed). */
    static Figures look(long pid) throws IOException, InterruptedException {
        Benchmark.jcmd(pid, "GC.run");
        long heap = Benchmark.heapAfterFullGc(pid);
        String heapInfo = Benchmark.jcmd(pid, "GC.heap_info");
        String perf = Benchmark.jcmd(pid, "PerfCounter.print");
        String histogram = Benchmark.jcmd(pid, "GC.class_histogram");
        int threads;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            threads = (int) tasks.count();
        }
        return new Figures(loadedClasses(perf), metaspaceUsed(heapInfo), heap, threads,
                instances(histogram, WEBAPP_LOADER));
    }

    /** The JVM's threads by name (the kernel's 15-character {@code comm}), sorted. */
    static List<String> threadNames(long pid) throws IOException {
        List<String> names = new ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    names.add(Files.readString(task.resolve("comm")).trim());
                } catch (IOException ended) {
                    // the thread ended meanwhile
                }
            }
        }
        names.sort(null);
        return names;
    }

    /** Kept for a look at which class loader's metaspace grew ({@code jcmd VM.metaspace show-loaders}). */
    private void metaspaceByLoader(long pid, String file) throws IOException, InterruptedException {
        Files.writeString(bench.out().resolve(file), Benchmark.jcmd(pid, "VM.metaspace show-loaders"),
                StandardCharsets.UTF_8);
    }

    static long loadedClasses(String perfCounters) {
        long loaded = 0;
        Matcher m = PERF.matcher(perfCounters);
        boolean found = false;
        while (m.find()) {
            long v = Long.parseLong(m.group(2));
            switch (m.group(1)) {
                case "java.cls.loadedClasses", "java.cls.sharedLoadedClasses" -> {
                    loaded += v;
                    found = true;
                }
                case "java.cls.unloadedClasses", "java.cls.sharedUnloadedClasses" -> loaded -= v;
                default -> {
                }
            }
        }
        if (!found) {
            throw new IllegalStateException("no java.cls.loadedClasses in PerfCounter.print");
        }
        return loaded;
    }

    static long metaspaceUsed(String heapInfo) {
        Matcher m = METASPACE.matcher(heapInfo);
        if (!m.find()) {
            throw new IllegalStateException("no Metaspace line in GC.heap_info:\n" + heapInfo);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    /** Instances of a class in a GC.class_histogram ({@code num: #instances #bytes class name (module)}). */
    static int instances(String histogram, String className) {
        for (String line : histogram.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[3].equals(className)) {
                return Integer.parseInt(f[1]);
            }
        }
        return 0;
    }

    /** Tomcat's own leak warnings on undeploy (threads left running, ThreadLocals, JDBC drivers), distinct. */
    static List<String> leakWarnings(Path log) throws IOException {
        Set<String> found = new LinkedHashSet<>();
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                // Tomcat's own utility thread runs the context's background work with the web app's class loader
                // as its context loader; undeployed at that moment, Tomcat names its own pooled thread (a false
                // alarm: the thread is Tomcat's, and the class-loader count shows whether anything was kept)
                boolean tomcatsOwn = line.contains("thread named [Catalina-utility-");
                if (!tomcatsOwn && (line.contains("memory leak") || line.contains("failed to stop it")
                        || line.contains("failed to remove it") || line.contains("forcibly unregistered"))) {
                    found.add(line.replaceAll("^.*?(The web application)", "$1").replaceAll("\\s+", " ").trim());
                }
            }
        }
        return List.copyOf(found);
    }

    record Result(Figures empty, Figures deployed, Figures firstUndeploy, Figures half, Figures redeployed,
                  Figures after,
                  int redeploys, int requests, List<String> warnings, List<String> newThreads) {

        boolean classesBack() {
            return after.classes() - firstUndeploy.classes() <= CLASS_TOLERANCE;
        }

        /**
         * Over the second half of the cycles: a class loader kept by each deploy would add its ~15 MiB each time;
         * the first cycles also grow the JVM's own data for Tomcat's and the JDK's code (see the README).
         */
        boolean metaspaceBack() {
            return after.metaspaceBytes() - half.metaspaceBytes() <= metaspaceTolerance();
        }

        long metaspaceTolerance() {
            return (deployed.metaspaceBytes() - empty.metaspaceBytes()) / METASPACE_TOLERANCE_PARTS;
        }

        List<Report.Target> targets() {
            List<Report.Target> t = new ArrayList<>();
            t.add(new Report.Target("footprint: web-app class loaders alive after " + redeploys
                    + " redeploys and an undeploy", "0", Integer.toString(after.webappLoaders()),
                    after.webappLoaders() == 0));
            t.add(new Report.Target("footprint: loaded classes after " + redeploys + " redeploys and an undeploy",
                    "back to the first undeploy's (± " + CLASS_TOLERANCE + ")",
                    String.format(Locale.ROOT, "%+d", after.classes() - firstUndeploy.classes()), classesBack()));
            t.add(new Report.Target("footprint: metaspace after " + redeploys + " redeploys and an undeploy",
                    "back to where it was " + (redeploys - redeploys / 2) + " cycles before (≤ +"
                            + Report.mib(metaspaceTolerance()) + ", 1/" + METASPACE_TOLERANCE_PARTS
                            + " of what one deploy takes)",
                    Report.signedMib(after.metaspaceBytes() - half.metaspaceBytes()), metaspaceBack()));
            t.add(new Report.Target("footprint: Tomcat's leak warnings on undeploy", "none",
                    Integer.toString(warnings.size()), warnings.isEmpty()));
            return t;
        }

        String markdown() {
            Figures cost = deployed.minus(empty);
            StringBuilder md = new StringBuilder("\n## Footprint in the customer's Tomcat\n\n")
                    .append("After two full GCs (`jcmd GC.run`); classes = loaded − unloaded (`PerfCounter.print`), ")
                    .append("metaspace used (`GC.heap_info`), heap used, threads (`/proc/<pid>/task`), live ")
                    .append("web-app class loaders (`GC.class_histogram`, ").append(WEBAPP_LOADER).append(").\n\n")
                    .append("| Tomcat | classes | metaspace | heap in use | threads | web-app class loaders |\n")
                    .append("|---|---:|---:|---:|---:|---:|\n");
            row(md, "empty (no WAR)", empty);
            row(md, "with the WAR, after a few requests", deployed);
            md.append(String.format(Locale.ROOT, "| **the WAR's cost** | **%+d** | **%s** | **%s** | **%+d** | |%n",
                    cost.classes(), Report.signedMib(cost.metaspaceBytes()), Report.signedMib(cost.heapBytes()),
                    cost.threads()));
            row(md, "after the first undeploy", firstUndeploy);
            row(md, "after " + redeploys / 2 + " undeploy/deploy cycles", half);
            row(md, "with the WAR after " + redeploys + " undeploy/deploy cycles", redeployed);
            row(md, "after " + redeploys + " cycles and an undeploy", after);
            md.append(String.format(Locale.ROOT, "%nUnder load meanwhile: one caller reading and changing every 20 ms "
                    + "(%d rounds). After the cycles, against the first undeploy: classes %+d, metaspace %s; against "
                    + "cycle %d: classes %+d, metaspace %s.%n",
                    requests, after.classes() - firstUndeploy.classes(),
                    Report.signedMib(after.metaspaceBytes() - firstUndeploy.metaspaceBytes()), redeploys / 2,
                    after.classes() - half.classes(), Report.signedMib(after.metaspaceBytes() - half.metaspaceBytes())));
            md.append("Threads after the cycles that were not there after the first undeploy: ")
                    .append(newThreads.isEmpty() ? "none" : String.join(", ", newThreads)).append(".\n");
            if (warnings.isEmpty()) {
                md.append("Tomcat reported no leak on undeploy (threads, ThreadLocals, JDBC drivers).\n");
            } else {
                md.append("Tomcat's leak warnings on undeploy:\n\n");
                warnings.forEach(w -> md.append("- ").append(w).append('\n'));
            }
            return md.toString();
        }

        private static void row(StringBuilder md, String name, Figures f) {
            md.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %d | %d |%n", name, f.classes(),
                    Report.mib(f.metaspaceBytes()), Report.mib(f.heapBytes()), f.threads(), f.webappLoaders()));
        }
    }
}
