package org.skillbroker.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A child JVM whose output goes to a log file; lines are also queued so we can wait for a marker. */
final class Child {
    private final String name;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private Child(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)); Writer w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    w.write(line);
                    w.write('\n');
                    w.flush();
                    if (line.startsWith("BENCH-") || line.startsWith("TOMCAT-")) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    static Child start(String name, List<String> command, Path log) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new Child(name, p, log);
    }

    /** One line to the child's standard input (BenchBroker's commands: deploy, undeploy). */
    void tell(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    String await(String prefix, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        try {
            while (true) {
                long left = end - System.nanoTime();
                String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new IllegalStateException(name + " did not print " + prefix.trim() + " within "
                            + deadline + (process.isAlive() ? "" : " (it exited with " + process.exitValue()
                            + "; see its log in target/bench)"));
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long awaitNumber(String prefix, Duration deadline) {
        String line = await(prefix + " ", deadline);
        return Long.parseLong(line.substring(prefix.length() + 1).trim());
    }

    void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
