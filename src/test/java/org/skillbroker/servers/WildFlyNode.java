package org.skillbroker.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A WildFly distribution (unpacked by Maven, never written to) with its own {@code jboss.server.base.dir}, started
 * with {@code standalone.sh}. Settings are {@code -D} arguments of the server (they become system properties, the
 * same as {@code <system-properties>} in standalone.xml), secrets are environment variables.
 */
public final class WildFlyNode extends ServerNode {

    private final Path home;
    private final int managementPort;

    public WildFlyNode(String name, Path home, Path base, int httpPort, int managementPort) {
        super(name, base, httpPort);
        this.home = home;
        this.managementPort = managementPort;
    }

    public static Path home() {
        String home = System.getProperty("wildfly.home");
        if (home == null) {
            throw new IllegalStateException("wildfly.home is not set; run with -Pwildfly");
        }
        return Path.of(home);
    }

    @Override
    protected void prepare() throws IOException {
        Path configuration = base.resolve("configuration");
        Files.createDirectories(configuration);
        Files.createDirectories(base.resolve("deployments"));
        try (Stream<Path> files = Files.list(home.resolve("standalone/configuration"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = Files.readString(file);
                if (file.getFileName().toString().equals("standalone.xml")) {
                    // the scanner looks every 5 s by default; a test that undeploys should not wait that long
                    content = content.replace("scan-interval=\"5000\"", "scan-interval=\"250\"");
                }
                Files.writeString(configuration.resolve(file.getFileName()), content);
            }
        }
    }

    @Override
    protected List<String> command() {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base, "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                "-Djboss.http.port=" + httpPort, "-Djboss.https.port=" + (httpPort + 1),
                "-Djboss.management.http.port=" + managementPort,
                "-Djboss.management.https.port=" + (managementPort + 1)));
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        return command;
    }

    @Override
    protected Map<String, String> extraEnvironment() {
        return Map.of("JAVA_HOME", System.getProperty("java.home"), "LAUNCH_JBOSS_IN_BACKGROUND", "",
                "JAVA_OPTS", "-Xms64m -Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.net.preferIPv4Stack=true");
    }

    @Override
    protected Path deploymentsDir() {
        return base.resolve("deployments");
    }

    /** Removing the {@code .deployed} marker makes the deployment scanner undeploy (the WAR stays). */
    @Override
    public void undeploy() throws IOException {
        Files.deleteIfExists(deploymentsDir().resolve("skill-broker.war.deployed"));
    }

    /** A {@code .dodeploy} marker deploys the WAR again. */
    @Override
    public void redeploy() throws IOException {
        Poll.until(() -> Files.exists(deploymentsDir().resolve("skill-broker.war.undeployed"))
                || !Files.exists(deploymentsDir().resolve("skill-broker.war.deployed")),
                java.time.Duration.ofSeconds(30), "undeployed marker");
        Files.deleteIfExists(deploymentsDir().resolve("skill-broker.war.undeployed"));
        Files.writeString(deploymentsDir().resolve("skill-broker.war.dodeploy"), "");
    }

    @Override
    protected List<Path> logDirs() {
        return List.of(base, base.resolve("log"));
    }
}
