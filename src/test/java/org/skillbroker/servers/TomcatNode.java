package org.skillbroker.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Tomcat distribution (CATALINA_HOME, unpacked by Maven, never written to) with its own CATALINA_BASE, started
 * with {@code catalina.sh run}, which execs the JVM: the process is the server and a SIGKILL reaches it.
 */
public final class TomcatNode extends ServerNode {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9:/._=,+@-]*");

    private final Path home;
    private UnaryOperator<String> serverXml = UnaryOperator.identity();
    private String jvmRoute = "";
    private final List<String> jvmOptions = new ArrayList<>(List.of("-Xms64m", "-Xmx256m",
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    private final List<ConfFile> confFiles = new ArrayList<>();
    private final List<Path> libraries = new ArrayList<>();

    private record ConfFile(String relative, String content) {
    }

    public TomcatNode(String name, Path home, Path base, int httpPort) {
        super(name, base, httpPort);
        this.home = home;
    }

    public static Path home() {
        String home = System.getProperty("tomcat.home");
        if (home == null) {
            throw new IllegalStateException("tomcat.home is not set; run with -Ptomcat10, -Ptomcat11 or -Ptwo-nodes");
        }
        return Path.of(home);
    }

    /** Replaces the generated server.xml with {@code xml}, in which {@code @HTTP_PORT@} stands for the port. */
    public TomcatNode serverXml(String xml) {
        this.serverXml = ignored -> xml;
        return this;
    }

    /** Adds (or replaces) a file under CATALINA_BASE, e.g. {@code conf/Catalina/localhost/skill-broker.xml}. */
    public TomcatNode file(String relative, String content) {
        confFiles.add(new ConfFile(relative, content));
        return this;
    }

    /** Puts a jar into CATALINA_BASE/lib (the common class loader), as an admin installs a JDBC driver. */
    public TomcatNode library(Path jar) {
        libraries.add(jar);
        return this;
    }

    /** Tomcat appends {@code .<route>} to session ids, so a load balancer can send a session back to its node. */
    public TomcatNode jvmRoute(String route) {
        this.jvmRoute = " jvmRoute=\"" + route + "\"";
        return this;
    }

    public TomcatNode jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    @Override
    protected void prepare() throws IOException {
        for (String dir : List.of("conf", "logs", "temp", "work", "webapps")) {
            Files.createDirectories(base.resolve(dir));
        }
        try (Stream<Path> files = Files.list(home.resolve("conf"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, base.resolve("conf").resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(base.resolve("conf/server.xml"),
                serverXml.apply(defaultServerXml()).replace("@HTTP_PORT@", Integer.toString(httpPort))
                        .replace(" @JVM_ROUTE@", jvmRoute));
        for (Path jar : libraries) {
            Files.createDirectories(base.resolve("lib"));
            Files.copy(jar, base.resolve("lib").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        for (ConfFile file : confFiles) {
            Path target = base.resolve(file.relative());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.content());
        }
    }

    /**
     * Loopback only, the port opened only once the apps are deployed (as tomcat-config/server.xml: a starting
     * node refuses connections instead of accepting and holding them), no shutdown port (a SIGTERM stops Tomcat
     * through its shutdown hook), the leak-prevention
     * listeners of the stock server.xml, and a background processor every second so that removing or adding the
     * WAR is noticed quickly.
     */
    private static String defaultServerXml() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Server port="-1" shutdown="SHUTDOWN">
                  <Listener className="org.apache.catalina.startup.VersionLoggerListener"/>
                  <Listener className="org.apache.catalina.core.JreMemoryLeakPreventionListener"/>
                  <Listener className="org.apache.catalina.mbeans.GlobalResourcesLifecycleListener"/>
                  <Listener className="org.apache.catalina.core.ThreadLocalLeakPreventionListener"/>
                  <Service name="Catalina">
                    <Connector address="127.0.0.1" port="@HTTP_PORT@" protocol="HTTP/1.1" connectionTimeout="20000"
                               bindOnInit="false"/>
                    <Engine name="Catalina" defaultHost="localhost" backgroundProcessorDelay="1" @JVM_ROUTE@>
                      <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="true"/>
                    </Engine>
                  </Service>
                </Server>
                """;
    }

    @Override
    protected List<String> command() {
        return List.of(home.resolve("bin/catalina.sh").toString(), "run");
    }

    @Override
    protected Map<String, String> extraEnvironment() {
        List<String> options = new ArrayList<>(jvmOptions);
        systemProperties.forEach((key, value) -> {
            // catalina.sh passes CATALINA_OPTS through eval: keep values shell-safe
            if (!SAFE.matcher(value).matches()) {
                throw new IllegalArgumentException("not shell-safe for CATALINA_OPTS: " + key);
            }
            options.add("-D" + key + "=" + value);
        });
        return Map.of("CATALINA_HOME", home.toString(), "CATALINA_BASE", base.toString(),
                "CATALINA_PID", "", "JAVA_HOME", System.getProperty("java.home"),
                "CATALINA_OPTS", options.stream().collect(Collectors.joining(" ")),
                "CATALINA_OUT", base.resolve("logs/catalina.out").toString());
    }

    @Override
    protected Path deploymentsDir() {
        return base.resolve("webapps");
    }

    /** Removes the WAR: the host's auto-deployer stops the app and deletes what it unpacked. */
    @Override
    public void undeploy() throws IOException {
        Files.deleteIfExists(deploymentsDir().resolve("skill-broker.war"));
    }

    @Override
    public void redeploy() throws IOException {
        deploy(Path.of(System.getProperty("broker.war")));
    }

    @Override
    protected List<Path> logDirs() {
        return List.of(base, base.resolve("logs"));
    }
}
