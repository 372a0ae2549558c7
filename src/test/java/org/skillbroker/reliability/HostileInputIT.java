package org.skillbroker.reliability;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.skillbroker.it.AdminFlow;
import org.skillbroker.it.BrokerEnvironment;
import org.skillbroker.it.Health;
import org.skillbroker.it.LeakWatch;
import org.skillbroker.it.NoLeaks;
import org.skillbroker.it.WebClient;
import org.skillbroker.simulator.WebexSimulator;

import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6, bad input: a generated corpus of hostile requests against every endpoint. Each must be refused with
 * a 4xx problem (or, where a browser asked for HTML, a 4xx page), with no stack trace and nothing secret in it;
 * afterwards the broker still serves, and neither the stored grant nor any skill profile has changed.
 *
 * <p>Requests malformed at the HTTP level ({@link HostileCorpus.Hostile#protocol()}) may be answered by Tomcat
 * before the web app sees them (a bad request line or version, a header over the 8 KB limit, CR/LF or NUL in a
 * header, encoded '/' or NUL in the path, two Host headers, conflicting framing): those answers must still be
 * 4xx, without a stack trace and without echoing what was sent, but their body is Tomcat's, not ours.
 */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class HostileInputIT {

    private static final String PROBLEM_PREFIX = "urn:skill-broker:problem:";
    /** Signs of a stack trace or an exception's text in an answer. */
    private static final List<String> STACK_TRACE = List.of("at org.", "at java.", "at jakarta.", "Exception",
            "Caused by", ".java:");

    @Deployment(testable = false)
    static WebArchive deployment() {
        // the broker's own rate limits would turn most of the corpus into 429s before it reaches the parser
        BrokerEnvironment.configure(Map.of("skillbroker.api.rate-limit.per-caller", "100000/PT1M",
                "skillbroker.api.rate-limit.global", "100000/PT1M",
                "skillbroker.cc.budget", "100000/PT1M"));
        return BrokerEnvironment.war();
    }

    private final WebexSimulator sim = BrokerEnvironment.simulator();

    /** The corpus's calls to Contact Center are not charged to the next class's 300 a minute. */
    @AfterAll
    static void forgetTheCallsMade() {
        BrokerEnvironment.simulator().resetRateLimits();
    }

    /**
     * Tomcat's default error page for a request it refuses before any web app (see {@link TomcatRules}) prints
     * the exception, its stack trace and the server version. No WAR can change that; the operator's server.xml
     * does, with {@code <Valve className="org.apache.catalina.valves.ErrorReportValve" showReport="false"
     * showServerInfo="false"/>} on the Host. The embedded Tomcat is hardened the same way through JMX, so the
     * suite can hold those answers to the same rule: no stack trace, no echo.
     */
    private static void hardenTomcatErrorReports() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> valves = server.queryNames(new ObjectName("*:type=Valve,name=ErrorReportValve,*"), null);
        assertFalse(valves.isEmpty(), "Tomcat's ErrorReportValve is registered in JMX");
        for (ObjectName valve : valves) {
            server.setAttribute(valve, new Attribute("showReport", false));
            server.setAttribute(valve, new Attribute("showServerInfo", false));
        }
    }

    @Test
    void everyHostileRequestIsRefusedWithAProblemAndChangesNothing() throws Exception {
        hardenTomcatErrorReports();
        assertEquals(303, new AdminFlow(BrokerEnvironment.BASE).connectAs("admin").status());
        String adminToken = sim.issueDesktopToken(sim.admin());
        List<HostileCorpus.Hostile> corpus = HostileCorpus.generate(new HostileCorpus.Fixture(BrokerEnvironment.CONTEXT,
                adminToken, sim.issueDesktopToken(sim.agent()), sim.issueDesktopToken(sim.otherOrgAdmin()),
                sim.seededProfiles().germanSpeaker(), sim.seededProfiles().otherOrgProfile(),
                sim.seededSkills().get("German"), sim.seededSkills().get("VIP")));
        assertTrue(corpus.size() >= 500, "at least 500 hostile requests, got " + corpus.size());
        Snapshot before = Snapshot.take(sim);
        Set<String> secrets = BrokerEnvironment.secrets();
        RawHttp http = new RawHttp("127.0.0.1", BrokerEnvironment.PORT);
        String host = "127.0.0.1:" + BrokerEnvironment.PORT;

        List<String> failures = new ArrayList<>();
        Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
        List<String> answeredByTomcat = new ArrayList<>();
        long started = System.nanoTime();
        Map<Long, String> slowest = new TreeMap<>(java.util.Comparator.reverseOrder());
        for (HostileCorpus.Hostile hostile : corpus) {
            long sent = System.nanoTime();
            RawHttp.Answer answer = http.exchange(hostile.request().bytes(host));
            slowest.put((System.nanoTime() - sent) / 1_000_000, hostile.endpoint() + " / " + hostile.name());
            LeakWatch.capture(answer.raw());
            statuses.computeIfAbsent(hostile.endpoint(), e -> new TreeMap<>()).merge(answer.status(), 1, Integer::sum);
            wrongWith(hostile, answer, secrets).ifPresent(why -> failures.add(hostile.endpoint() + " / "
                    + hostile.name() + ": " + why));
            if (hostile.protocol() && !answer.contentType().startsWith("application/problem+json")) {
                answeredByTomcat.add(hostile.name() + "→" + answer.status());
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("HostileInputIT: %d hostile requests in %d ms; statuses by endpoint %s%n", corpus.size(),
                millis, statuses);
        System.out.printf("HostileInputIT: slowest answers (ms) %s%n",
                slowest.entrySet().stream().limit(5).map(e -> e.getKey() + "=" + e.getValue()).toList());
        System.out.printf("HostileInputIT: answered by Tomcat before the web app: %s%n", answeredByTomcat);

        failures.forEach(failure -> System.out.println("HostileInputIT: WRONG " + failure));
        assertEquals(List.of(), failures, failures.size() + " of " + corpus.size() + " answers are wrong");
        assertEquals(List.of(), before.differencesTo(Snapshot.take(sim)));
        assertEquals(200, Health.read().httpStatus(), "the broker keeps serving");
        WebClient.Reply profile = new WebClient().get(BrokerEnvironment.BASE + "/api/skill-profiles/"
                + sim.seededProfiles().germanSpeaker(), "Authorization", "Bearer " + adminToken);
        assertEquals(200, profile.status(), profile.body());
    }

    /** Why this answer is wrong for this request, or empty when it is right. */
    private static Optional<String> wrongWith(HostileCorpus.Hostile hostile, RawHttp.Answer answer, Set<String> secrets) {
        boolean tomcatRefusal = hostile.protocol() && TomcatRules.protocolStatus(answer.status());
        if ((answer.status() < 400 || answer.status() > 499) && !tomcatRefusal) {
            return Optional.of("status " + answer.status() + " " + abbreviate(answer.bodyText()));
        }
        for (String sign : STACK_TRACE) {
            if (answer.raw().contains(sign)) {
                return Optional.of("looks like a stack trace ('" + sign + "'): " + abbreviate(answer.raw()));
            }
        }
        for (String secret : union(secrets, hostile.sent())) {
            if (echoes(answer.raw(), secret)) {
                return Optional.of("echoes a token or secret it was sent or holds");
            }
        }
        if (answer.headers().keySet().stream().anyMatch(name -> name.contains("injected"))
                || answer.headers().getOrDefault("set-cookie", List.of()).stream().anyMatch(c -> c.contains("injected"))) {
            return Optional.of("a header injected by the request came back: " + answer.headers());
        }
        String type = answer.contentType();
        if (type.startsWith("application/problem+json")) {
            return problemBody(answer);
        }
        if (hostile.browser() && type.startsWith("text/html")) {
            return Optional.empty();
        }
        return hostile.protocol() ? Optional.empty()
                : Optional.of("Content-Type '" + type + "' " + answer.status() + " " + abbreviate(answer.bodyText()));
    }

    private static Optional<String> problemBody(RawHttp.Answer answer) {
        try {
            JsonObject problem = Json.createReader(new StringReader(answer.bodyText())).readObject();
            if (!problem.getString("type", "").startsWith(PROBLEM_PREFIX)) {
                return Optional.of("problem without our type: " + abbreviate(answer.bodyText()));
            }
            if (problem.getInt("status", -1) != answer.status()) {
                return Optional.of("problem status " + problem.getInt("status", -1) + " on HTTP " + answer.status());
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("problem body is not JSON: " + abbreviate(answer.bodyText()));
        }
    }

    /** Whole, or its first 40 characters for long values (a reflected header may be cut). */
    private static boolean echoes(String raw, String secret) {
        if (secret == null || secret.length() < 8) {
            return false;
        }
        return raw.contains(secret) || (secret.length() > 40 && raw.contains(secret.substring(0, 40)));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace("\r", "\\r").replace("\n", "\\n");
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }
}
