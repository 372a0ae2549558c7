package org.skillbroker.reliability;

import org.skillbroker.it.AdminFlow;
import org.skillbroker.simulator.WebexSimulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A connected broker in a child JVM ({@link BrokerProcess}) against a simulator of its own, with the rate limits
 * raised so that a test can send a few hundred changes quickly; everything else at its defaults (the audit file in
 * the store directory included). Closing it stops both.
 */
final class ProcessBrokerRig implements AutoCloseable {

    static final String CLIENT_ID = "C-broker-process";
    private static final String RAISED = "1000000/PT1M";

    final WebexSimulator sim = WebexSimulator.start();
    final String clientSecret = random();
    final String metricsToken = random();
    final Path dir;
    final Path storeDir;
    final BrokerProcess broker;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final String desktopToken;
    final String skill;
    /** In database mode ({@code -Dit.store=database}) the broker keeps its state in this schema, else null. */
    final org.postgresql.ds.PGSimpleDataSource database;

    ProcessBrokerRig(String name) throws Exception {
        dir = Files.createDirectories(Path.of("target", "broker-process", name + "-" + System.nanoTime()))
                .toAbsolutePath();
        storeDir = dir.resolve("store");
        database = org.skillbroker.it.BrokerEnvironment.DATABASE_MODE
                ? org.skillbroker.state.jdbc.Postgres.shared().freshSchema() : null;
        sim.setRateLimitPerMinute(1_000_000);
        Map<String, String> settings = new LinkedHashMap<>();
        BrokerProcess started = null;
        try {
            started = startOnFreePort(settings);
            broker = started;
            broker.awaitStatus(http, "/health", s -> s == 503, Duration.ofSeconds(90));
            assertEquals(303, new AdminFlow(broker.base()).connectAs("admin").status());
            broker.awaitStatus(http, "/health", s -> s == 200, Duration.ofSeconds(30));
        } catch (Exception | Error e) {
            if (started != null) {
                started.close();
            }
            sim.close();
            throw e;
        }
        desktopToken = sim.issueDesktopToken(sim.allTeamsSupervisor());
        skill = sim.seededSkills().get("French");
    }

    private BrokerProcess startOnFreePort(Map<String, String> settings) throws IOException {
        int port = BrokerProcess.freePort();
        String base = "http://127.0.0.1:" + port + "/skill-broker";
        sim.registerClient(CLIENT_ID, clientSecret, base + "/oauth/callback");
        settings.put("skillbroker.webex.client-id", CLIENT_ID);
        settings.put("skillbroker.webex.client-secret", clientSecret);
        settings.put("skillbroker.webex.redirect-uri", base + "/oauth/callback");
        settings.put("skillbroker.webex.org-id", sim.orgId());
        settings.put("skillbroker.webex.datacenter", "us1");
        settings.put("skillbroker.webex.api-base", sim.baseUri().toString());
        settings.put("skillbroker.cc.api-base", sim.baseUri().toString());
        settings.put("skillbroker.webex.allow-insecure-http", "true");
        settings.put("skillbroker.store.dir", storeDir.toString());
        settings.put("skillbroker.store.keys", "p1=" + Base64.getEncoder().encodeToString(bytes(32)));
        settings.put("skillbroker.store.generated-key-file", dir.resolve("generated.key").toString());
        settings.put("skillbroker.metrics.token", metricsToken);
        settings.put("skillbroker.api.rate-limit.per-caller", RAISED);
        settings.put("skillbroker.api.rate-limit.global", RAISED);
        settings.put("skillbroker.api.rate-limit.lookups-per-address", RAISED);
        settings.put("skillbroker.cc.budget", RAISED);
        if (database == null) {
            return BrokerProcess.start(Path.of(System.getProperty("broker.war", "target/skill-broker.war")), settings,
                    dir, List.of(), port);
        }
        // the DataSource as an admin declares it for the app, the driver next to Tomcat's own jars
        settings.put("skillbroker.store.datasource", "java:comp/env/jdbc/skillbroker");
        Path contextFile = dir.resolve("skill-broker.xml");
        Files.writeString(contextFile, "<Context>\n  <Resource name=\"jdbc/skillbroker\" auth=\"Container\""
                + " type=\"org.postgresql.ds.PGPoolingDataSource\" factory=\"org.postgresql.ds.common.PGObjectFactory\""
                + " closeMethod=\"close\" dataSourceName=\"process-" + database.getCurrentSchema() + "\""
                + " initialConnections=\"8\" maxConnections=\"16\" serverName=\"127.0.0.1\" portNumber=\""
                + database.getPortNumbers()[0] + "\" databaseName=\"" + database.getDatabaseName() + "\" user=\""
                + database.getUser() + "\" currentSchema=\"" + database.getCurrentSchema()
                + "\" connectTimeout=\"2\" socketTimeout=\"10\"/>\n</Context>\n");
        Path driver;
        try {
            driver = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return BrokerProcess.start(Path.of(System.getProperty("broker.war", "target/skill-broker.war")), settings, dir,
                List.of("-Dbroker.context-file=" + contextFile), port, List.of(driver));
    }

    /**
     * The audit trail's JSON lines, oldest first: the file and its rotated predecessors, or the rows of
     * {@code sb_audit} in database mode (by inserting transaction: each INSERT commits alone).
     */
    List<String> auditLines() throws IOException {
        List<String> lines = new ArrayList<>();
        if (database != null) {
            try (java.sql.Connection c = database.getConnection(); java.sql.Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("SELECT entry FROM sb_audit ORDER BY xmin::text::bigint")) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            } catch (java.sql.SQLException e) {
                throw new IOException(e);
            }
            return lines;
        }
        for (String name : new String[]{"audit.log.2", "audit.log.1", "audit.log"}) {
            Path file = storeDir.resolve(name);
            if (Files.exists(file)) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines;
    }

    /** New skill profiles, one per worker, each with French at 0. */
    List<String> profiles(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(sim.createSkillProfile(sim.orgId(), "Process " + i + " " + System.nanoTime(), Map.of(skill, 0)));
        }
        return ids;
    }

    HttpResponse<String> change(String profileId, int value, Duration timeout) throws IOException,
            InterruptedException {
        String body = "{\"activeSkills\":[{\"skillId\":\"" + skill + "\",\"proficiencyValue\":" + value + "}]}";
        return http.send(HttpRequest.newBuilder(URI.create(broker.base() + "/api/skill-profiles/" + profileId))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).timeout(timeout)
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + desktopToken)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The broker's /metrics, read with its token. */
    String metrics() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(broker.base() + "/metrics"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + metricsToken).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** One sample of /metrics, e.g. {@code skillbroker_audit_logger_queued}. */
    static double sample(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no " + series + " in /metrics");
    }

    /** The broker's output and store hold none of the secrets of this run. */
    void assertNoSecretsIn(String text) {
        Set<String> secrets = new java.util.HashSet<>(sim.issuedSecrets());
        secrets.add(clientSecret);
        secrets.add(metricsToken);
        secrets.add(desktopToken);
        for (String secret : secrets) {
            assertTrue(!text.contains(secret), "a secret appears in the broker's output");
        }
    }

    @Override
    public void close() {
        try {
            broker.close();
        } finally {
            sim.close();
        }
    }

    private static String random() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(18));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
