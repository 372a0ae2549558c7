package org.skillbroker.bench;

import org.apache.catalina.Context;
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
 * Prints {@code TOMCAT-STARTING <epoch ms>} just before {@code Tomcat.start()} (which unpacks and deploys the
 * WAR and then opens the connector) and {@code TOMCAT-STARTED <epoch ms>} after it.
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
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Context context = tomcat.addWebapp("/skill-broker", war.toString());
        Tomcat.addDefaultMimeTypeMappings(context);
        Tomcat.addServlet(context, "default", new DefaultServlet());
        context.addServletMappingDecoded("/", "default");
        settings.stringPropertyNames().forEach(key -> context.addParameter(key, settings.getProperty(key)));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                tomcat.stop();
                tomcat.destroy();
            } catch (LifecycleException e) {
                // shutting down anyway
            }
        }));
        System.out.println("TOMCAT-STARTING " + System.currentTimeMillis());
        System.out.flush();
        tomcat.start();
        System.out.println("TOMCAT-STARTED " + System.currentTimeMillis());
        System.out.flush();
        tomcat.getServer().await();
    }
}
