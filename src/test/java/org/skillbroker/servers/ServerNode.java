package org.skillbroker.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One real server (a Tomcat or WildFly distribution) run as a child process, the way an operator runs it: the
 * broker's settings reach it as {@code -D} JVM options and, for the two secrets, as environment variables
 * (docs/stack.md gotcha 3). The WAR is the one maven-war-plugin built, copied in unmodified.
 */
public abstract class ServerNode implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** What Tomcat writes when a web app leaves a thread or a ThreadLocal behind on undeploy. */
    public static final List<String> LEAK_WARNINGS = List.of("appears to have started a thread named", "memory leak");

    protected final String name;
    protected final Path base;
    protected final int httpPort;
    protected final Map<String, String> systemProperties = new LinkedHashMap<>();
    protected final Map<String, String> environment = new LinkedHashMap<>();
    private Process process;
    private int starts;

    protected ServerNode(String name, Path base, int httpPort) {
        this.name = name;
        this.base = base;
        this.httpPort = httpPort;
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort;
    }

    /** {@code http://127.0.0.1:<port>/skill-broker} */
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort + "/skill-broker";
    }

    public Path base() {
        return base;
    }

    /** Settings for the broker: secrets go to the environment, everything else to system properties. */
    public ServerNode settings(Map<String, String> settings) {
        settings.forEach((key, value) -> {
            // secrets go where the README says they belong, the environment: a server logs its command line
            if (key.endsWith("secret") || key.endsWith(".keys") || key.endsWith("token") || key.endsWith(".url")
                    && key.contains("webhook")) {
                environment.put(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"), value);
            } else {
                systemProperties.put(key, value);
            }
        });
        return this;
    }

    /** An environment variable of the server process. */
    public ServerNode env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Builds the server's base directory (configuration, empty logs); called once before the first start. */
    protected abstract void prepare() throws IOException;

    protected abstract List<String> command();

    /** Where the WAR goes so the server deploys it at start or while running. */
    protected abstract Path deploymentsDir();

    public abstract void undeploy() throws IOException;

    public abstract void redeploy() throws IOException;

    /** Copies the built WAR in under a temporary name, then moves it: the scanner never sees half a file. */
    public void deploy(Path war) throws IOException {
        Files.createDirectories(deploymentsDir());
        Path target = deploymentsDir().resolve("skill-broker.war");
        Path temp = deploymentsDir().resolve(".skill-broker.war.part");
        Files.copy(war, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public synchronized void start() throws IOException {
        if (starts == 0) {
            prepare();
        }
        starts++;
        Path console = base.resolve("console-" + starts + ".log");
        ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true)
                .redirectOutput(console.toFile());
        builder.environment().putAll(environment);
        builder.environment().putAll(extraEnvironment());
        process = builder.start();
    }

    protected Map<String, String> extraEnvironment() {
        return Map.of();
    }

    /** Waits until the app answers /health (any status but 404: the app is deployed and its listener ran). */
    public void awaitDeployed(Duration deadline) {
        Poll.until(() -> {
            assertAlive();
            int status = status("/health");
            return status == 200 || status == 503;
        }, deadline, name + " serves /skill-broker/health");
    }

    public void awaitUndeployed(Duration deadline) {
        Poll.until(() -> status("/health") == 404, deadline, name + " no longer serves /skill-broker");
    }

    private void assertAlive() {
        Process p = process;
        if (p != null && !p.isAlive()) {
            throw new AssertionError(name + " exited with " + p.exitValue() + "; log:\n" + tail(4000));
        }
    }

    /** GET a path under the context, status only; -1 if the server does not answer. */
    public int status(String path) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM to the JVM (and the launcher script): a graceful shutdown that undeploys the app. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
        waitFor();
    }

    /** SIGKILL: the node dies at once, like a crashed host; the kernel drops its file locks. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        tree().forEach(ProcessHandle::destroyForcibly);
        waitFor();
    }

    /**
     * SIGSTOP: the node freezes without dying, as in a long GC pause or a stalled VM: its threads (lease renewal
     * included) stop, its sockets stay open. {@link #resume()} (SIGCONT) wakes it where it stopped.
     */
    public synchronized void pause() {
        signal("STOP");
    }

    public synchronized void resume() {
        signal("CONT");
    }

    private void signal(String signal) {
        for (ProcessHandle handle : tree()) {
            try {
                Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(handle.pid()))
                        .redirectErrorStream(true).start();
                if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                    throw new IllegalStateException("kill -" + signal + " " + handle.pid() + " failed: "
                            + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<ProcessHandle> tree() {
        List<ProcessHandle> tree = new ArrayList<>();
        try (Stream<ProcessHandle> descendants = process.descendants()) {
            descendants.forEach(tree::add);
        }
        tree.add(process.toHandle());
        return tree;
    }

    private void waitFor() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Everything the server logged so far: its console output of every start and its log directory. */
    public String log() {
        StringBuilder all = new StringBuilder();
        for (Path dir : logDirs()) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".log")
                        || f.getFileName().toString().endsWith(".out")).sorted().toList()) {
                    all.append(Files.readString(file, StandardCharsets.ISO_8859_1)).append('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all.toString();
    }

    protected List<Path> logDirs() {
        return List.of(base);
    }

    public String tail(int chars) {
        String log = log();
        return log.substring(Math.max(0, log.length() - chars));
    }

    /** The lines of the log that carry a leak warning (empty when the app cleaned up after itself). */
    public List<String> leakWarnings() {
        return log().lines().filter(line -> LEAK_WARNINGS.stream().anyMatch(w ->
                line.toLowerCase().contains(w))).toList();
    }
}
