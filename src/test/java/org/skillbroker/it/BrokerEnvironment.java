package org.skillbroker.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.skillbroker.simulator.WebexSimulator;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What every integration test shares: one Webex simulator per test JVM, the WAR that maven-war-plugin built
 * (deployed unmodified), and the broker's settings. The embedded Tomcat runs in this JVM, so settings reach the
 * broker as system properties (docs/stack.md, gotcha 3); each deployment sets all of them afresh.
 */
public final class BrokerEnvironment {

    public static final String CLIENT_ID = "C-skill-broker-it";
    public static final String CLIENT_SECRET = "it-client-secret-" + random(12);
    public static final int PORT = Integer.getInteger("it.http.port", 18080);
    public static final String CONTEXT = "/skill-broker";
    public static final String BASE = "http://127.0.0.1:" + PORT + CONTEXT;
    public static final String REDIRECT_URI = BASE + "/oauth/callback";
    /** The metrics token of every deployment: opens /health's details (and /metrics) to the tests. */
    public static final String METRICS_TOKEN = "it-metrics-" + random(12);
    /** The store key of every deployment: part of what the leak check looks for. */
    public static final String STORE_KEY = Base64.getEncoder().encodeToString(randomBytes(32));

    /**
     * {@code -Dit.grant.mode=service-app} (the failsafe execution "service-app"): every deployment keeps a Contact
     * Center Service App's grant instead of the administrator's own; the admin's clicks stay the same.
     */
    public static final boolean SERVICE_APP_MODE = "service-app".equals(System.getProperty("it.grant.mode"));
    private static org.skillbroker.simulator.ServiceApps.ServiceApp serviceApp;
    private static final Set<String> EXTRA_SECRETS = new HashSet<>();
    /**
     * {@code -Dit.store=database} (the failsafe execution "switches-409-refused"): every deployment keeps its shared
     * state in a real PostgreSQL (one server per test JVM, a fresh schema per {@link #configure}), reached through a
     * container DataSource declared in the deployment's {@code META-INF/context.xml} as a Tomcat admin would.
     * Tests look at what is stored through {@link StoredState}, which knows both stores.
     */
    public static final boolean DATABASE_MODE = "database".equals(System.getProperty("it.store"));
    /** The JNDI name of the test deployments' DataSource. */
    public static final String DATASOURCE = "java:comp/env/jdbc/skillbroker";
    private static WebexSimulator simulator;
    private static Path storeDir;
    /** The schema of the next and current deployments when they keep their state in the database, else null. */
    private static org.postgresql.ds.PGSimpleDataSource database;
    private static boolean databaseStore;

    private BrokerEnvironment() {
    }

    public static synchronized WebexSimulator simulator() {
        if (simulator == null) {
            LeakWatch.install();
            simulator = WebexSimulator.start();
            // every Contact Center request and answer of the suite is checked against Cisco's structure
            simulator.checkContract(org.skillbroker.contract.CiscoContract.load());
            simulator.registerClient(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI);
            serviceApp = simulator.createServiceApp("Skill Broker IT");
            simulator.authorizeServiceApp(serviceApp, true);
            Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        }
        return simulator;
    }

    /** The suite's simulator if a test started it: for checks that run after every test. */
    public static synchronized java.util.Optional<WebexSimulator> startedSimulator() {
        return java.util.Optional.ofNullable(simulator);
    }

    /**
     * Sets every broker setting for the next deployment: a fresh store (a directory; with {@link #DATABASE_MODE} a
     * fresh database schema) plus {@code overrides}.
     */
    public static synchronized void configure(Map<String, String> overrides) {
        configure(overrides, DATABASE_MODE);
    }

    /** Like {@link #configure}, with the shared state in a fresh database schema whatever the mode. */
    public static synchronized org.postgresql.ds.PGSimpleDataSource configureDatabase(Map<String, String> overrides) {
        configure(overrides, true);
        return database;
    }

    /** Like {@link #configure}, with the shared state in a fresh directory whatever the mode (for store switches). */
    public static synchronized void configureFiles(Map<String, String> overrides) {
        configure(overrides, false);
    }

    /**
     * A fresh database schema for the DataSource of the next deployments, without choosing the database store
     * (a test that switches stores names the DataSource itself).
     */
    public static synchronized org.postgresql.ds.PGSimpleDataSource freshDatabase() {
        database = org.skillbroker.state.jdbc.Postgres.shared().freshSchema();
        // read by the deployments' context.xml (Tomcat puts system properties into ${...} there)
        System.setProperty("it.db.port", String.valueOf(database.getPortNumbers()[0]));
        System.setProperty("it.db.schema", database.getCurrentSchema());
        return database;
    }

    private static void configure(Map<String, String> overrides, boolean inDatabase) {
        if (inDatabase) {
            freshDatabase();
        }
        databaseStore = inDatabase;
        try {
            storeDir = Files.createTempDirectory("skill-broker-store");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a new deployment starts with Contact Center's 300/minute unspent: the calls of earlier classes in this
        // JVM must not make a later class's sign-in fail with 429
        simulator().resetRateLimits();
        reconfigure(overrides);
    }

    /** Like {@link #configure} but keeps the store directory: the next deployment is a restart. */
    public static synchronized void reconfigure(Map<String, String> overrides) {
        WebexSimulator sim = simulator();
        sim.faults().clear();
        sim.switches().reset();
        System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith("skillbroker."))
                .forEach(System::clearProperty);
        Map<String, String> settings = brokerSettings(sim, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, storeDir,
                "it1=" + STORE_KEY);
        settings.put("skillbroker.refresh.check-interval", "PT0.2S");
        settings.put("skillbroker.refresh.backoff-initial", "PT0.2S");
        settings.put("skillbroker.refresh.backoff-max", "PT1S");
        if (databaseStore) {
            settings.put("skillbroker.store.datasource", DATASOURCE);
        }
        if (SERVICE_APP_MODE) {
            settings.putAll(serviceAppSettings());
        }
        settings.putAll(overrides);
        settings.forEach((key, value) -> {
            if (value != null) {
                System.setProperty(key, value);
            }
        });
    }

    /**
     * The settings that point a broker at the simulator, with its store in {@code storeDir} under {@code keys}:
     * shared by the embedded tests and the real-server tests.
     */
    public static Map<String, String> brokerSettings(WebexSimulator sim, String clientId, String clientSecret,
                                                     String redirectUri, Path storeDir, String keys) {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("skillbroker.webex.client-id", clientId);
        settings.put("skillbroker.webex.client-secret", clientSecret);
        settings.put("skillbroker.webex.redirect-uri", redirectUri);
        settings.put("skillbroker.webex.org-id", sim.orgId());
        settings.put("skillbroker.webex.datacenter", "us1");
        settings.put("skillbroker.webex.api-base", sim.baseUri().toString());
        settings.put("skillbroker.cc.api-base", sim.baseUri().toString());
        settings.put("skillbroker.store.dir", storeDir.toString());
        settings.put("skillbroker.store.keys", keys);
        settings.put("skillbroker.store.generated-key-file",
                storeDir.resolveSibling(storeDir.getFileName() + ".generated.key").toString());
        settings.put("skillbroker.webex.allow-insecure-http", "true"); // the simulator speaks plain http
        settings.put("skillbroker.metrics.token", METRICS_TOKEN); // lets the tests read /health's details
        // the suites send many distinct tokens from 127.0.0.1; the default per-address bound has its own test
        settings.put("skillbroker.api.rate-limit.lookups-per-address", "100000/PT1M");
        return settings;
    }

    /** The settings of the simulator's authorised Service App. */
    public static synchronized Map<String, String> serviceAppSettings() {
        simulator();
        return Map.of("skillbroker.service-app.application-id", serviceApp.applicationId(),
                "skillbroker.service-app.client-id", serviceApp.clientId(),
                "skillbroker.service-app.client-secret", serviceApp.clientSecret());
    }

    public static synchronized org.skillbroker.simulator.ServiceApps.ServiceApp serviceApp() {
        simulator();
        return serviceApp;
    }

    /** The store directory of the current deployment (in database mode it holds only the generated key file). */
    public static synchronized Path storeDir() {
        return storeDir;
    }

    /** Whether the current deployment keeps its shared state in the database. */
    public static synchronized boolean databaseStore() {
        return databaseStore;
    }

    /** The current database schema (the last {@link #freshDatabase()}), for tests that look into it. */
    public static synchronized org.postgresql.ds.PGSimpleDataSource database() {
        if (database == null) {
            throw new IllegalStateException("no database schema yet: configureDatabase or freshDatabase first");
        }
        return database;
    }

    /**
     * The WAR exactly as built by {@code mvn package}; in {@link #DATABASE_MODE} with the DataSource declared in
     * its {@code META-INF/context.xml}, as a Tomcat admin declares it (the WAR's own classes are untouched).
     */
    public static WebArchive war() {
        return war("skill-broker.war");
    }

    /**
     * {@link #war()} with more container resources declared in its {@code META-INF/context.xml} (a mail session,
     * say), next to the DataSource in database mode.
     */
    public static WebArchive war(String name, String resources) {
        File war = new File(System.getProperty("broker.war", "target/skill-broker.war"));
        WebArchive archive = ShrinkWrap.create(ZipImporter.class, name).importFrom(war).as(WebArchive.class);
        return archive.addAsManifestResource(new org.jboss.shrinkwrap.api.asset.StringAsset("<Context>\n"
                + (DATABASE_MODE ? dataSourceResource(name) : "") + resources + "\n</Context>\n"), "context.xml");
    }

    /** {@link #war()} under another name (a second deployment: another context path, its own object graph). */
    public static WebArchive war(String name) {
        File war = new File(System.getProperty("broker.war", "target/skill-broker.war"));
        WebArchive archive = ShrinkWrap.create(ZipImporter.class, name).importFrom(war).as(WebArchive.class);
        return DATABASE_MODE ? withDataSource(archive) : archive;
    }

    /** The WAR with the DataSource declared, whatever the mode: for the tests about the database store itself. */
    public static WebArchive warWithDataSource() {
        File war = new File(System.getProperty("broker.war", "target/skill-broker.war"));
        return withDataSource(ShrinkWrap.create(ZipImporter.class, "skill-broker.war").importFrom(war)
                .as(WebArchive.class));
    }

    private static WebArchive withDataSource(WebArchive archive) {
        if (archive.contains("META-INF/context.xml")) {
            return archive;
        }
        return archive.addAsManifestResource(new org.jboss.shrinkwrap.api.asset.StringAsset(
                contextXml(archive.getName())), "context.xml");
    }

    /**
     * A pooled PostgreSQL DataSource as a Tomcat admin declares one, here with HikariCP's JNDI factory (the embedded
     * Tomcat has no DBCP jar). The port and schema are {@code ${...}} placeholders that Tomcat fills from system
     * properties at each deployment, so a WAR built once serves every fresh schema ({@link #freshDatabase()}); each
     * WAR name gets a pool of its own, like each node has, and Tomcat closes it when the app stops.
     */
    private static String contextXml(String warName) {
        return "<Context>\n" + dataSourceResource(warName) + "</Context>\n";
    }

    private static String dataSourceResource(String warName) {
        return "  <Resource name=\"jdbc/skillbroker\" auth=\"Container\" type=\"javax.sql.DataSource\""
                + " factory=\"com.zaxxer.hikari.HikariJNDIFactory\" closeMethod=\"close\""
                + " poolName=\"skillbroker-it-${it.db.schema}-" + warName + "\""
                + " jdbcUrl=\"jdbc:postgresql://127.0.0.1:${it.db.port}/postgres?currentSchema=${it.db.schema}"
                + "&amp;connectTimeout=2&amp;socketTimeout=10\" username=\"" + org.skillbroker.state.jdbc.Postgres.USER
                + "\" maximumPoolSize=\"16\" minimumIdle=\"4\" connectionTimeout=\"500\""
                + " initializationFailTimeout=\"-1\"/>\n";
    }

    /** A new random store key, remembered for the leak check. */
    public static synchronized String newKey() {
        String key = Base64.getEncoder().encodeToString(randomBytes(32));
        EXTRA_SECRETS.add(key);
        return key;
    }

    /** Something else that must never be seen outside (a webhook URL's key), for the leak check. */
    public static synchronized void addSecret(String secret) {
        EXTRA_SECRETS.add(secret);
    }

    /** Everything that must never be seen outside the broker and the simulator. */
    public static synchronized Set<String> secrets() {
        Set<String> secrets = new HashSet<>(simulator().issuedSecrets());
        secrets.addAll(EXTRA_SECRETS);
        secrets.add(CLIENT_SECRET);
        secrets.add(STORE_KEY);
        secrets.add(METRICS_TOKEN);
        return secrets;
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
