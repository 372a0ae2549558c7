package org.skillbroker.demo;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.skillbroker.desktop.DesktopPage;
import org.skillbroker.simulator.WebexSimulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code mvn -Pdemo}: the broker's WAR on a real (embedded) Tomcat 10.1 at http://localhost:8080/skill-broker,
 * and, unless a Webex integration is configured ({@code SKILLBROKER_WEBEX_CLIENT_ID} or
 * {@code -Dskillbroker.webex.client-id}), the Webex simulator at http://localhost:9099 wired to it.
 * Ports: {@code -Ddemo.port}, {@code -Ddemo.simulator.port}, {@code -Ddemo.desktop.port} (the pom passes them on).
 * Settings reach the broker as context parameters, the same way a context.xml {@code <Parameter>} would.
 */
public final class Demo {

    private static final int BROKER_PORT = Integer.getInteger("demo.port", 8080);
    private static final int SIMULATOR_PORT = Integer.getInteger("demo.simulator.port", 9099);
    private static final int DESKTOP_PORT = Integer.getInteger("demo.desktop.port", 9098);

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        Path war = Path.of(System.getProperty("demo.war", "target/skill-broker.war")).toAbsolutePath();
        if (!Files.exists(war)) {
            throw new IllegalStateException(war + " is missing: run `mvn -Pdemo` (it packages first)");
        }
        for (int port : new int[]{BROKER_PORT, SIMULATOR_PORT, DESKTOP_PORT}) {
            requireFree(port);
        }
        Path work = Files.createDirectories(Path.of("target", "demo").toAbsolutePath());
        String brokerBase = "http://localhost:" + BROKER_PORT + "/skill-broker";
        Map<String, String> settings = new LinkedHashMap<>();
        boolean realWebex = System.getenv("SKILLBROKER_WEBEX_CLIENT_ID") != null
                || System.getProperty("skillbroker.webex.client-id") != null;
        WebexSimulator simulator = null;
        if (!realWebex) {
            simulator = WebexSimulator.start(SIMULATOR_PORT);
            simulator.registerClient("demo-client", "demo-secret", brokerBase + "/oauth/callback");
            String webex = "http://localhost:" + SIMULATOR_PORT;
            settings.put("skillbroker.webex.client-id", "demo-client");
            settings.put("skillbroker.webex.client-secret", "demo-secret");
            settings.put("skillbroker.webex.redirect-uri", brokerBase + "/oauth/callback");
            settings.put("skillbroker.webex.org-id", simulator.orgId());
            settings.put("skillbroker.webex.datacenter", "us1");
            settings.put("skillbroker.webex.api-base", webex);
            settings.put("skillbroker.cc.api-base", webex);
            settings.put("skillbroker.webex.allow-insecure-http", "true"); // the simulator speaks plain http
            // The Desktop stand-in is another origin: the widget's calls are real cross-origin requests.
            settings.put("skillbroker.api.allowed-origins", "http://127.0.0.1:" + DESKTOP_PORT
                    + ",http://localhost:" + DESKTOP_PORT);
        }
        // Demo state stays inside target/, never in the user's home directory.
        settings.put("skillbroker.store.dir", work.resolve("store").toString());
        settings.put("skillbroker.store.generated-key-file", work.resolve("keys/store.key").toString());
        settings.put("skillbroker.public-url", brokerBase);

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(work.resolve("tomcat").toString());
        Files.createDirectories(work.resolve("tomcat/webapps"));
        tomcat.setPort(BROKER_PORT);
        tomcat.getConnector();
        tomcat.setAddDefaultWebXmlToWebapp(false); // no JSP engine here; static files get the default servlet below
        Context context = tomcat.addWebapp("/skill-broker", war.toString());
        Tomcat.addDefaultMimeTypeMappings(context);
        Tomcat.addServlet(context, "default", new DefaultServlet());
        context.addServletMappingDecoded("/", "default");
        settings.forEach(context::addParameter);
        start(tomcat);
        DesktopPage desktop = simulator == null ? null
                : DesktopPage.start(DESKTOP_PORT, java.net.URI.create(brokerBase), simulator.baseUri());

        System.out.println();
        System.out.println("Skill Broker is running on a real Tomcat " + org.apache.catalina.util.ServerInfo.getServerNumber());
        System.out.println("  Setup:   " + brokerBase + "/setup  (open it at exactly this address: the sign-in returns here)");
        System.out.println("  Health:  " + brokerBase + "/health");
        if (simulator != null) {
            System.out.println("  Webex simulator: " + simulator.baseUri() + "/_sim/  (sign in as \"Ada Admin\" to connect)");
            System.out.println("  Desktop stand-in with the widget (after connecting): " + desktop.url("user=supervisor"));
        }
        System.out.println("Press Ctrl+C to stop.");
        tomcat.getServer().await();
    }

    /** Says which port is taken and how to choose another, instead of a bind exception deep in Tomcat. */
    private static void requireFree(int port) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(port));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Port " + port + " is in use. Choose others, e.g. mvn -Pdemo "
                    + "-Ddemo.port=8081 -Ddemo.simulator.port=9199 -Ddemo.desktop.port=9198");
        }
    }

    private static void start(Tomcat tomcat) throws LifecycleException {
        tomcat.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                tomcat.stop();
                tomcat.destroy();
            } catch (LifecycleException e) {
                // shutting down anyway
            }
        }));
    }
}
