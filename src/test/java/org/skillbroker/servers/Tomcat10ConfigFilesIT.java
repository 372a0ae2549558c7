package org.skillbroker.servers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.skillbroker.it.AdminFlow;
import org.skillbroker.it.Health;
import org.skillbroker.it.WebClient;
import org.skillbroker.simulator.WebexSimulator;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tomcat 10.1 started with the files of {@code tomcat-config/} as an operator would install them - server.xml
 * (HTTPS with a keystore made by keytool), setenv.sh (secrets from files into the environment), the context with
 * every setting as a {@code <Parameter>}, logging.properties (audit trail in its own file) and the optional container
 * security through altDDName - changed only where a real installation changes them: ports, paths, the org, and a
 * MemoryRealm with two test users instead of the Active Directory realm.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Tomcat10ConfigFilesIT {

    private static final int HTTP_PORT = 19380;
    private static final int HTTPS_PORT = 19381;
    private static final String HTTPS_BASE = "https://127.0.0.1:" + HTTPS_PORT + "/skill-broker";
    private static final Path CONFIG = Path.of(System.getProperty("project.basedir", ".")).resolve("tomcat-config");

    private final WebexSimulator sim = Servers.simulator();
    private final String keystorePassword = random();
    private final String metricsToken = random();
    private final String adminPassword = random();
    private final String otherPassword = random();
    private TomcatNode node;
    private HttpClient https;

    @BeforeAll
    void startTomcatWithTheConfigFiles() throws Exception {
        Path scratch = Servers.scratch(getClass().getSimpleName());
        Path base = scratch.resolve("base");
        Path storeDir = scratch.resolve("store");
        Path secrets = Files.createDirectories(scratch.resolve("secrets"));
        Files.writeString(secrets.resolve("client-secret"), Servers.CLIENT_SECRET + "\n");
        Files.writeString(secrets.resolve("store-keys"), Servers.STORE_KEY_ID + "=" + Servers.STORE_KEY + "\n");
        Files.writeString(secrets.resolve("keystore-password"), keystorePassword + "\n");
        Files.writeString(secrets.resolve("metrics-token"), metricsToken + "\n");

        Files.createDirectories(base.resolve("conf"));
        Path keystore = base.resolve("conf/skill-broker.p12");
        keytool(keystore);
        https = HttpClient.newBuilder().sslContext(trusting(keystore)).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();

        Map<String, String> values = new LinkedHashMap<>();
        values.put("skillbroker.webex.client-id", Servers.CLIENT_ID);
        values.put("skillbroker.webex.redirect-uri", HTTPS_BASE + "/oauth/callback");
        values.put("skillbroker.webex.org-id", sim.orgId());
        values.put("skillbroker.webex.api-base", sim.baseUri().toString());
        values.put("skillbroker.cc.api-base", sim.baseUri().toString());
        values.put("skillbroker.webex.allow-insecure-http", "true"); // the simulator speaks plain http
        values.put("skillbroker.store.dir", storeDir.toString());
        values.put("skillbroker.store.generated-key-file", scratch.resolve("unused.key").toString());
        sim.registerClient(Servers.CLIENT_ID, Servers.CLIENT_SECRET, HTTPS_BASE + "/oauth/callback");
        String context = adapt(Files.readString(CONFIG.resolve("context.xml")), values)
                .replaceFirst("(?m)^<Context>", "<Context altDDName=\"\\${catalina.base}/conf/skill-broker-web.xml\">")
                .replace("</Context>", "  <Realm className=\"org.apache.catalina.realm.MemoryRealm\" pathname=\"conf/test-users.xml\"/>\n</Context>");

        node = new TomcatNode("tomcat-config", TomcatNode.home(), base, HTTP_PORT);
        node.serverXml(Files.readString(CONFIG.resolve("server.xml")))
                .file("bin/setenv.sh", Files.readString(CONFIG.resolve("setenv.sh")))
                .file("conf/logging.properties", Files.readString(CONFIG.resolve("logging.properties")))
                .file("conf/skill-broker-web.xml", Files.readString(CONFIG.resolve("skill-broker-web.xml")))
                .file("conf/Catalina/localhost/skill-broker.xml", context)
                .file("conf/test-users.xml", """
                        <tomcat-users>
                          <user username="ada" password="%s" roles="skill-broker-admin"/>
                          <user username="eve" password="%s" roles="staff"/>
                        </tomcat-users>
                        """.formatted(adminPassword, otherPassword))
                .jvmOption("-Dbroker.shutdown.port=-1")
                .jvmOption("-Dbroker.keystore.file=" + keystore)
                .jvmOption("-Dbroker.jvm-route=t1");
        node.env("SKILLBROKER_SECRETS_DIR", secrets.toString())
                .env("BROKER_HTTP_PORT", Integer.toString(HTTP_PORT))
                .env("BROKER_HTTPS_PORT", Integer.toString(HTTPS_PORT));
        node.deploy(Servers.war());
        node.start();
        node.awaitDeployed(Duration.ofSeconds(120));
    }

    @AfterAll
    void stop() {
        if (node == null) {
            return;
        }
        node.stop();
        assertEquals(List.of(), node.leakWarnings(), "leak warnings in the server log");
        String log = node.log();
        assertEquals(List.of(), Servers.leakedInto(log), "secrets in the server log");
        assertFalse(log.contains(keystorePassword), "keystore password in the log");
    }

    @Test
    @Order(1)
    void httpsServesTheBrokerConfiguredByContextXmlAndSetenv() throws Exception {
        HttpResponse<String> health = get(HTTPS_BASE + "/health", "Authorization", "Bearer " + metricsToken);
        assertEquals(503, health.statusCode(), health.body()); // not connected yet, but fully configured
        assertTrue(health.headers().firstValue("Strict-Transport-Security").orElse("").contains("max-age="),
                "HSTS over https: " + health.headers().map());
        HttpResponse<String> anonymous = get(HTTPS_BASE + "/health");
        assertFalse(anonymous.body().contains(sim.orgId()), "no org id for anonymous callers: " + anonymous.body());
        assertTrue(health.body().contains("\"name\":\"configuration\",\"status\":\"UP\""), health.body());
        assertTrue(health.body().contains(sim.orgId()), "org id from context.xml");
        assertTrue(health.body().contains("\"keyId\":\"" + Servers.STORE_KEY_ID + "\""), "store key from setenv.sh");
    }

    @Test
    @Order(2)
    void setupOverPlainHttpIsSentToHttps() throws Exception {
        HttpResponse<String> reply = get("http://127.0.0.1:" + HTTP_PORT + "/skill-broker/setup");
        assertEquals(302, reply.statusCode());
        assertTrue(reply.headers().firstValue("Location").orElse("").startsWith("https://127.0.0.1:" + HTTPS_PORT + "/"),
                reply.headers().map().toString());
    }

    @Test
    @Order(3)
    void setupNeedsAContainerUserWithTheAdminRole() throws Exception {
        HttpResponse<String> anonymous = get(HTTPS_BASE + "/setup");
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm=\"Skill Broker\""));
        assertEquals(403, get(HTTPS_BASE + "/setup", "Authorization", basic("eve", otherPassword)).statusCode());
        assertEquals(200, get(HTTPS_BASE + "/setup", "Authorization", basic("ada", adminPassword)).statusCode());
        assertEquals(401, get(HTTPS_BASE + "/setup", "Authorization", basic("ada", "wrong")).statusCode());
        // the API and health stay open to the widget and the load balancer
        assertEquals(401, get(HTTPS_BASE + "/api/skill-profiles").statusCode(), "the API's own bearer check");
    }

    @Test
    @Order(4)
    void theAdminConnectsAndAChangeLandsInTheAuditFile() throws Exception {
        AdminFlow admin = new AdminFlow(HTTPS_BASE, new WebClient(https, "Authorization", basic("ada", adminPassword)));
        assertEquals(303, admin.connectAs("admin").status());
        assertEquals("UP", Health.at(HTTPS_BASE.replace("https://127.0.0.1:" + HTTPS_PORT,
                "http://127.0.0.1:" + HTTP_PORT)).status());

        String profile = sim.seededProfiles().germanSpeaker();
        String german = sim.seededSkills().get("German");
        int target = (Widget.proficiency(sim, profile, german) + 1) % 11;
        Widget.Result reply = Widget.patch(https, HTTPS_BASE, profile, sim.issueDesktopToken(sim.supervisor()),
                Widget.change(german, target));
        assertEquals(200, reply.status(), reply.body());

        Path logs = node.base().resolve("logs");
        Poll.until(() -> auditLines(logs, "skill-broker-audit.").stream().anyMatch(l -> l.contains(profile)),
                Duration.ofSeconds(10), "the change in logs/skill-broker-audit.*.log");
        String line = auditLines(logs, "skill-broker-audit.").stream().filter(l -> l.contains(profile)).findFirst()
                .orElseThrow();
        assertTrue(line.startsWith("{") && line.contains("\"to\":" + target), line);
        assertTrue(auditLines(logs, "catalina.").stream().noneMatch(l -> l.contains(profile) && l.contains("\"to\"")),
                "the audit trail stays out of catalina.log");
    }

    private static List<String> auditLines(Path logs, String prefix) throws Exception {
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).flatMap(f -> {
                try {
                    return Files.readAllLines(f, StandardCharsets.UTF_8).stream();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    /** Replaces the value of each named {@code <Parameter>}; fails if the file lacks one. */
    static String adapt(String context, Map<String, String> values) {
        String result = context;
        for (Map.Entry<String, String> e : values.entrySet()) {
            Pattern p = Pattern.compile("(<Parameter name=\"" + Pattern.quote(e.getKey()) + "\" value=\")[^\"]*\"");
            Matcher m = p.matcher(result);
            assertTrue(m.find(), "context.xml lacks " + e.getKey());
            result = m.replaceFirst(Matcher.quoteReplacement(m.group(1) + e.getValue() + "\""));
        }
        return result;
    }

    private HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return https.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private void keytool(Path keystore) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", keystorePassword,
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool: " + out);
    }

    private SSLContext trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, keystorePassword.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), new SecureRandom());
        return context;
    }

    private static String random() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
