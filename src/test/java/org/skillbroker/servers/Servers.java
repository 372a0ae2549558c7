package org.skillbroker.servers;

import org.skillbroker.it.BrokerEnvironment;
import org.skillbroker.simulator.WebexSimulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the real-server tests share: one Webex simulator on a fixed port in the test JVM (the servers are other
 * processes and reach it through their settings), the built WAR, the store key and a scratch directory.
 * Ports are in the 19xxx range.
 */
public final class Servers {

    public static final int SIMULATOR_PORT = Integer.getInteger("servers.sim.port", 19099);
    public static final String CLIENT_ID = "C-skill-broker-servers";
    public static final String CLIENT_SECRET = "servers-client-secret-" + random(12);
    public static final String STORE_KEY = Base64.getEncoder().encodeToString(randomBytes(32));
    public static final String STORE_KEY_ID = "s1";

    private static WebexSimulator simulator;

    private Servers() {
    }

    public static synchronized WebexSimulator simulator() {
        if (simulator == null) {
            simulator = WebexSimulator.start(SIMULATOR_PORT);
            // real servers speak to a Contact Center that answers only what Cisco documents, checked throughout
            simulator.checkContract(org.skillbroker.contract.CiscoContract.load());
            Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        }
        return simulator;
    }

    /** The real-server suites' simulator if a test started it: for checks that run after every test. */
    public static synchronized java.util.Optional<WebexSimulator> startedSimulator() {
        return java.util.Optional.ofNullable(simulator);
    }

    public static Path war() {
        Path war = Path.of(System.getProperty("broker.war", "target/skill-broker.war"));
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException("no WAR at " + war + "; run through Maven (mvn verify -P...)");
        }
        return war;
    }

    /** A fresh directory under target/servers/runs. */
    public static Path scratch(String name) {
        try {
            Path root = Path.of(System.getProperty("servers.dir", "target/servers")).resolve("runs");
            Files.createDirectories(root);
            return Files.createTempDirectory(root, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every setting of a broker whose public base URL is {@code publicBase} (the node itself, or the load
     * balancer in front of it) and whose store is {@code storeDir}. Registers the redirect URI at the simulator.
     */
    public static Map<String, String> settings(String publicBase, Path storeDir) {
        WebexSimulator sim = simulator();
        String redirect = publicBase + "/oauth/callback";
        sim.registerClient(CLIENT_ID, CLIENT_SECRET, redirect);
        Map<String, String> settings = BrokerEnvironment.brokerSettings(sim, CLIENT_ID, CLIENT_SECRET, redirect, storeDir,
                STORE_KEY_ID + "=" + STORE_KEY);
        settings.put("skillbroker.refresh.check-interval", "PT1S");
        settings.put("skillbroker.refresh.backoff-initial", "PT1S");
        settings.put("skillbroker.refresh.backoff-max", "PT2S");
        return settings;
    }

    /** Everything that must never show up in a server's log. */
    public static Set<String> secrets() {
        Set<String> secrets = new HashSet<>(simulator().issuedSecrets());
        secrets.add(CLIENT_SECRET);
        secrets.add(STORE_KEY);
        return secrets;
    }

    public static List<String> leakedInto(String log) {
        return secrets().stream().filter(log::contains).map(s -> "a secret of " + s.length() + " chars").toList();
    }

    private static String random(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
