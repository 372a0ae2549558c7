package org.skillbroker.reliability;

import org.apache.catalina.startup.Tomcat;
import org.skillbroker.bench.BenchBroker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;

/**
 * The broker's WAR in a Tomcat of its own, in a child JVM, as an operator runs it: for what a test cannot do to a
 * Tomcat inside its own JVM (kill it with SIGKILL, stop reading its stdout). The class path is only what a Tomcat
 * has (embedded Tomcat's jars) plus the launcher {@link BenchBroker}; the WAR brings everything else. Settings are
 * context parameters. The child's stdout and stderr go through one pipe that this class reads into a log file,
 * and can stop reading ({@link #pauseOutput()}) so that the pipe fills up like a stalled console.
 */
public final class BrokerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final Object gate = new Object();
    private final BlockingQueue<String> markers = new LinkedBlockingQueue<>();
    private boolean paused; // guarded by gate

    private BrokerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        Thread reader = new Thread(this::copyOutput, "broker-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts Tomcat with the WAR (the deploy begins at once).
     *
     * @param dir  a fresh directory for Tomcat's base, the launcher, the settings and the log
     * @param port the HTTP port ({@link #freePort()}: the settings' redirect URI names it)
     */
    public static BrokerProcess start(Path war, Map<String, String> settings, Path dir, List<String> jvmArgs,
                                      int port) throws IOException {
        return start(war, settings, dir, jvmArgs, port, List.of());
    }

    /**
     * As above, with more jars on the server's class path (as in a Tomcat's {@code lib/}: a JDBC driver) and,
     * with {@code -Dbroker.context-file=} among {@code jvmArgs}, container resources from that context file.
     */
    public static BrokerProcess start(Path war, Map<String, String> settings, Path dir, List<String> jvmArgs,
                                      int port, List<Path> serverLibraries) throws IOException {
        Files.createDirectories(dir);
        Properties properties = new Properties();
        properties.putAll(settings);
        Path settingsFile = dir.resolve("broker.properties");
        try (Writer w = Files.newBufferedWriter(settingsFile, StandardCharsets.UTF_8)) {
            properties.store(w, "context parameters of the broker under test");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.addAll(jvmArgs);
        StringBuilder classPath = new StringBuilder(minimalClassPath(dir));
        serverLibraries.forEach(jar -> classPath.append(java.io.File.pathSeparator).append(jar));
        command.addAll(List.of("-cp", classPath.toString(), BenchBroker.class.getName(), Integer.toString(port),
                war.toAbsolutePath().toString(), settingsFile.toString(), dir.resolve("tomcat").toString()));
        Path log = dir.resolve("broker.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new BrokerProcess(p, port, log);
    }

    /** Embedded Tomcat's jars (as a Tomcat's {@code lib/} has them) and a copy of the launcher class alone. */
    public static String minimalClassPath(Path dir) throws IOException {
        Path launcher = dir.resolve("launcher");
        String resource = BenchBroker.class.getName().replace('.', '/') + ".class";
        Path target = launcher.resolve(resource);
        Files.createDirectories(target.getParent());
        try (var in = BenchBroker.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> entries = new ArrayList<>();
        entries.add(launcher.toString());
        entries.add(jarOf(Tomcat.class));
        entries.add(jarOf(jakarta.annotation.PostConstruct.class)); // tomcat-annotations-api
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A port nobody listens on now (the simulator and the tests' servers take theirs the same way). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String base() {
        return "http://127.0.0.1:" + port + "/skill-broker";
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops reading the child's output: once the pipe's buffer is full, every write to stdout or stderr blocks. */
    public void pauseOutput() {
        synchronized (gate) {
            paused = true;
        }
    }

    public void resumeOutput() {
        synchronized (gate) {
            paused = false;
            gate.notifyAll();
        }
    }

    private void copyOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8), 1024); Writer w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            while (true) {
                synchronized (gate) {
                    while (paused) {
                        gate.wait();
                    }
                }
                String line = in.readLine();
                if (line == null) {
                    return;
                }
                w.write(line);
                w.write('\n');
                w.flush();
                if (line.startsWith("TOMCAT-") || line.startsWith("SERVER-")) {
                    markers.add(line);
                }
            }
        } catch (IOException | InterruptedException e) {
            // the process ended
        }
    }

    /** Waits for a line the launcher prints ({@code TOMCAT-STARTED <epoch ms>}) and returns its number. */
    public long awaitMarker(String prefix, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            String line = markers.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException("no " + prefix + " within " + deadline + "; see " + log);
            }
            if (line.startsWith(prefix + " ")) {
                return Long.parseLong(line.substring(prefix.length() + 1).trim());
            }
        }
    }

    /**
     * Polls {@code path} every 20 ms until its status satisfies {@code ok}.
     *
     * @return the satisfying status
     */
    public int awaitStatus(HttpClient http, String path, IntPredicate ok, Duration deadline) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        int last = -1;
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IOException("the broker process exited with " + process.exitValue() + "; see " + log);
            }
            try {
                last = http.send(HttpRequest.newBuilder(java.net.URI.create(base() + path))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (ok.test(last)) {
                    return last;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new IOException("no satisfying answer from " + path + " within " + deadline + " (last " + last + ")");
    }

    /** SIGKILL: no shutdown hook, no undeploy, no flush; what was not handed to the kernel is lost. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops the child (SIGTERM, then SIGKILL) and lets the output reader finish. */
    @Override
    public void close() {
        resumeOutput();
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The child's output so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
