package org.skillbroker.bench;

import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Constants;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.core.JreMemoryLeakPreventionListener;
import org.apache.catalina.core.ThreadLocalLeakPreventionListener;

import java.io.BufferedReader;
import java.io.InputStreamReader;

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
 * <p>Args: port war settings.properties tomcatBaseDir [--commands]
 */
public final class BenchBroker {

    private BenchBroker() {
    }

    /**
     * The footprint section's mode: the empty Tomcat runs; each line on standard input is a command:
     * {@code deploy} (answers {@code TOMCAT-DEPLOYED <epoch ms>}), {@code undeploy} (the context is removed from
     * the host, as Tomcat's manager or deleting the WAR from webapps/ does; answers {@code TOMCAT-UNDEPLOYED}),
     * {@code exit}.
     */
    private static void commands(Tomcat tomcat, Path war, Properties settings) throws IOException {
        System.out.println("TOMCAT-EMPTY " + System.currentTimeMillis());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StandardContext deployed = null;
        String line;
        while ((line = in.readLine()) != null && !line.equals("exit")) {
            if (line.equals("deploy") && deployed == null) {
                deployed = context(war, settings);
                tomcat.getHost().addChild(deployed);
                System.out.println("TOMCAT-DEPLOYED " + System.currentTimeMillis());
            } else if (line.equals("undeploy") && deployed != null) {
                tomcat.getHost().removeChild(deployed);
                deployed = null;
                System.out.println("TOMCAT-UNDEPLOYED " + System.currentTimeMillis());
            } else {
                System.out.println("TOMCAT-REFUSED " + line);
            }
            System.out.flush();
        }
        System.exit(0);
    }

    private static StandardContext context(Path war, Properties settings) throws IOException {
        StandardContext context = new StandardContext();
        context.setName("/skill-broker");
        context.setPath("/skill-broker");
        context.setDocBase(war.toString());
        ContextConfig config = new ContextConfig();
        config.setDefaultWebXml(Constants.NoDefaultWebXml); // no JSP engine here; the default servlet is added below
        context.addLifecycleListener(config);
        String contextFile = System.getProperty("broker.context-file");
        if (contextFile != null) {
            context.setConfigFile(Path.of(contextFile).toUri().toURL());
        }
        Tomcat.addDefaultMimeTypeMappings(context);
        Tomcat.addServlet(context, "default", new DefaultServlet());
        context.addServletMappingDecoded("/", "default");
        settings.stringPropertyNames().forEach(key -> context.addParameter(key, settings.getProperty(key)));
        return context;
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
        // a context file with container resources (a DataSource), as an admin's conf/Catalina/localhost/*.xml
        String contextFile = System.getProperty("broker.context-file");
        if (contextFile != null) {
            tomcat.enableNaming();
        }
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
        // as a stock Tomcat's server.xml has them: they keep the JDK from pinning a web app's class loader
        tomcat.getServer().addLifecycleListener(new JreMemoryLeakPreventionListener());
        tomcat.getServer().addLifecycleListener(new ThreadLocalLeakPreventionListener());
        tomcat.start();
        System.out.println("SERVER-STARTED " + System.currentTimeMillis());
        System.out.flush();
        if (args.length > 4 && args[4].equals("--commands")) {
            commands(tomcat, war, settings);
            return;
        }

        // The deploy itself: the context is prepared as Tomcat.addWebapp would, then added to the running host,
        // which starts it at once.
        System.out.println("TOMCAT-STARTING " + System.currentTimeMillis());
        System.out.flush();
        tomcat.getHost().addChild(context(war, settings));
        System.out.println("TOMCAT-STARTED " + System.currentTimeMillis());
        System.out.flush();
        tomcat.getServer().await();
    }
}
