package org.skillbroker.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of a JVM's threads by what they do, from {@code /proc/<pid>/task/<tid>/stat} (utime + stime, in clock
 * ticks): the requests' own threads apart from the JIT compiler, the garbage collector and the rest, so that a
 * figure per request is not the JIT's warm-up. A thread that ended between two snapshots loses its ticks (Tomcat's
 * and the HTTP client's pool threads live for the run).
 */
final class ThreadCpu {

    /** request: Tomcat's connector threads; upstream: the broker's Webex client; jit; gc; other. */
    static final String[] GROUPS = {"request", "upstream", "jit", "gc", "other"};

    private ThreadCpu() {
    }

    static Map<String, Long> snapshot(long pid) throws IOException {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (String g : GROUPS) {
            ticks.put(g, 0L);
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                ticks.merge(group(comm), t, Long::sum);
            }
        }
        return ticks;
    }

    /** By the thread's name as the kernel keeps it (15 characters). */
    static String group(String comm) {
        if (comm.startsWith("http-nio-")) {
            return "request"; // workers, poller and acceptor: the work of answering
        }
        if (comm.startsWith("skill-broker-we") || comm.startsWith("HttpClient-")) {
            return "upstream"; // the broker's Webex client: its executor and selector
        }
        if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
            return "jit";
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.equals("VM Thread")) {
            return "gc";
        }
        return "other";
    }

    static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> d = new LinkedHashMap<>();
        after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0L)));
        return d;
    }
}
