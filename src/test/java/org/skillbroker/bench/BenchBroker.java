package org.skillbroker.bench;

import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Constants;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The broker as the benchmark's child process: the WAR on embedded Tomcat 10.1, set up like {@code Demo}, its
 * settings given as context parameters (as a context.xml {@code <Parameter>} would) from a properties file.
 * Tomcat is started first, empty; then the WAR is deployed into the running server, the way an operator drops it
 * into {@code webapps/}. Prints {@code TOMCAT-STARTING <epoch ms>} just before that deploy (unpacking, web.xml,
 * the broker's start-up) and {@code TOMCAT-STARTED <epoch ms>} after it; {@code SERVER-STARTED <epoch ms>} once the
 * empty Tomcat runs.
 *
 * <p>Args: port war settings.properties tomcatBaseDir
 */
public final class BenchBroker {

    private BenchBroker() {
    }

    public static void main(String[] args) throws IOException, LifecycleException {
        int port = Integer.parseInt(args[0]);
        Path war = Path.of(args[1]).toAbsolutePath();
        Properties settings = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[2]), StandardCharsets.UTF_8)) {
            settings.load(in);
        }
        Path base = Path.of(args[3]).toAbsolutePath();
        Files.createDirectories(base.resolve("webapps"));

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(port);
        tomcat.getConnector();
        tomcat.getHost().setAutoDeploy(false);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                tomcat.stop();
                tomcat.destroy();
            } catch (LifecycleException e) {
                // shutting down anyway
            }
        }));
        tomcat.start();
        System.out.println("SERVER-STARTED " + System.currentTimeMillis());
        System.out.flush();

        // The deploy itself: the context is prepared as Tomcat.addWebapp would, then added to the running host,
        // which starts it at once.
        System.out.println("TOMCAT-STARTING " + System.currentTimeMillis());
        System.out.flush();
        StandardContext context = new StandardContext();
        context.setName("/skill-broker");
        context.setPath("/skill-broker");
        context.setDocBase(war.toString());
        ContextConfig config = new ContextConfig();
        config.setDefaultWebXml(Constants.NoDefaultWebXml); // no JSP engine here; the default servlet is added below
        context.addLifecycleListener(config);
        Tomcat.addDefaultMimeTypeMappings(context);
        Tomcat.addServlet(context, "default", new DefaultServlet());
        context.addServletMappingDecoded("/", "default");
        settings.stringPropertyNames().forEach(key -> context.addParameter(key, settings.getProperty(key)));
        tomcat.getHost().addChild(context);
        System.out.println("TOMCAT-STARTED " + System.currentTimeMillis());
        System.out.flush();
        tomcat.getServer().await();
    }
}
