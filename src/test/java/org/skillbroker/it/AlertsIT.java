package org.skillbroker.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.skillbroker.simulator.Messaging;
import org.skillbroker.simulator.WebexSimulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Alerts reach the operator over all three channels, with real receivers: the simulator's {@code /v1/messages}
 * for the Webex space, a real SMTP server (GreenMail) behind the container's JNDI mail session, and an HTTP server
 * for the webhook. And no alert carries a token or a secret.
 */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class AlertsIT {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final WebexSimulator SIM = BrokerEnvironment.simulator();
    private static final String BOT_TOKEN = SIM.createBot("Skill Broker Alerts");
    private static final String ROOM = SIM.createRoom(BOT_TOKEN);
    /** The webhook's path carries a key, as Teams' and Slack's do: it must not appear anywhere either. */
    private static final String HOOK_KEY = "hook-key-" + java.util.UUID.randomUUID();
    private static final List<String> HOOK_BODIES = new CopyOnWriteArrayList<>();
    private static GreenMail smtp;
    private static HttpServer hook;
    private static final AdminFlow ADMIN = new AdminFlow(BrokerEnvironment.BASE);

    @Deployment(testable = false)
    static WebArchive deployment() throws IOException {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hook.createContext("/hook/" + HOOK_KEY, exchange -> {
            HOOK_BODIES.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        BrokerEnvironment.addSecret(HOOK_KEY);
        BrokerEnvironment.configure(Map.of(
                "skillbroker.alerts.webex.bot-token", BOT_TOKEN,
                "skillbroker.alerts.webex.room-id", ROOM,
                "skillbroker.alerts.mail.session", "java:comp/env/mail/Session",
                "skillbroker.alerts.mail.to", "ops@example.com",
                "skillbroker.alerts.mail.from", "skill-broker@example.com",
                "skillbroker.alerts.webhook.url", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook/" + HOOK_KEY,
                "skillbroker.public-url", BrokerEnvironment.BASE));
        // the mail session as a Tomcat admin declares it (tomcat-config/context.xml has the commented original)
        String mailSession = "<Resource name=\"mail/Session\" auth=\"Container\" type=\"jakarta.mail.Session\""
                + " mail.smtp.host=\"127.0.0.1\" mail.smtp.port=\"" + smtp.getSmtp().getPort() + "\""
                + " mail.smtp.connectiontimeout=\"5000\" mail.smtp.timeout=\"10000\"/>";
        return BrokerEnvironment.war("skill-broker.war", mailSession);
    }

    @AfterAll
    static void stopReceivers() {
        smtp.stop();
        hook.stop(0);
        SIM.setAccessTokenLifetime(Duration.ofSeconds(43199));
    }

    @Test
    void testAlertFromTheStatusPageReachesEveryChannel() {
        SIM.resetCounters();
        assertEquals(303, ADMIN.connectAs("admin").status());
        WebClient.Reply page = ADMIN.setupPage();
        assertTrue(page.body().contains("id=\"test-alert\""), page.body());

        WebClient.Reply sent = ADMIN.browser.postForm(BrokerEnvironment.BASE + "/setup/test-alert",
                Map.of("csrf", page.csrf()), "Accept", "text/html");

        assertEquals(303, sent.status(), sent.body());
        assertTrue(sent.location().endsWith("/setup"), sent.location());
        assertTrue(ADMIN.setupPage().body().contains("Test alert queued"), "the one-time notice");
        await(() -> webex("Test alert").size() == 1 && mails("Test alert").size() == 1
                && hooks("test").size() == 1, "the test alert on all three channels");
        assertTrue(webex("Test alert").get(0).markdown().contains("requested by ada"), webex("Test alert").toString());
        assertEquals("skill-broker@example.com", mails("Test alert").get(0).from());
        JsonObject hookBody = hooks("test").get(0);
        assertEquals("test", hookBody.getString("state"));
        assertEquals(BrokerEnvironment.BASE + "/setup", hookBody.getString("broker"));
        String history = ADMIN.setupPage().body();
        assertTrue(history.contains("via Webex space") && history.contains("via e-mail") && history.contains("via webhook"),
                "each delivery is in the event history: " + history);
        assertNoSecretIn(everythingDelivered());
    }

    @Test
    void reauthorisationRequiredAlertsOnceOnEveryChannelAndResolvesAfterReconnecting() {
        SIM.setAccessTokenLifetime(Duration.ofSeconds(2));
        assertEquals(303, ADMIN.connectAs("admin").status());
        SIM.revokeGrants();

        await(() -> webex("no longer accepts").size() == 1 && mails("no longer accepts").size() == 1
                && hooks("reauthorization-required").size() == 1, "the re-authorisation alert on all three channels");
        assertTrue(Health.read().data("admin-grant", "state").equals("re-authorisation required"));

        SIM.setAccessTokenLifetime(Duration.ofSeconds(43199));
        assertEquals(303, ADMIN.connectAs("admin").status());

        await(() -> hooks("reauthorization-required").size() == 2 && webex("Resolved: Webex no longer").size() == 1
                && mails("Resolved: Webex no longer").size() == 1, "the resolved alert on all three channels");
        assertEquals(List.of("firing", "resolved"),
                hooks("reauthorization-required").stream().map(h -> h.getString("state")).toList(),
                "one alert when it started, one when it ended: no repeats in between");
        assertEquals(2, webex("Webex no longer accepts").size());
        assertEquals(2, mails("Webex no longer accepts").size());
        assertNoSecretIn(everythingDelivered());
    }

    // ---- what the receivers got ----

    private record Mail(String from, String subject, String body) {
    }

    private static List<Messaging.Message> webex(String containing) {
        return SIM.messages(ROOM).stream().filter(m -> m.markdown().contains(containing)).toList();
    }

    private static List<Mail> mails(String subjectContaining) {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            try {
                Mail mail = new Mail(message.getFrom()[0].toString(), message.getSubject(),
                        GreenMailUtil.getBody(message));
                if (mail.subject().contains(subjectContaining)) {
                    mails.add(mail);
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new AssertionError(e);
            }
        }
        return mails;
    }

    private static List<JsonObject> hooks(String event) {
        return HOOK_BODIES.stream().map(ApiClient::json)
                .filter(j -> j.getString("event").equals(event) || j.getString("state").equals(event)).toList();
    }

    private static List<String> everythingDelivered() {
        List<String> all = new ArrayList<>(HOOK_BODIES);
        SIM.messages(ROOM).forEach(m -> {
            all.add(m.text());
            all.add(m.markdown());
        });
        mails("").forEach(m -> all.add(m.subject() + "\n" + m.body()));
        return all;
    }

    private static void assertNoSecretIn(List<String> delivered) {
        assertTrue(delivered.size() >= 3, "something was delivered");
        List<String> secrets = new ArrayList<>(BrokerEnvironment.secrets());
        secrets.add(BOT_TOKEN);
        secrets.add(HOOK_KEY);
        for (String text : delivered) {
            LeakWatch.capture(text);
            for (String secret : secrets) {
                assertTrue(!text.contains(secret), "an alert carries a secret: " + text);
            }
        }
    }

    private static void await(Supplier<Boolean> condition, String what) {
        Instant end = Instant.now().plus(DEADLINE);
        while (!condition.get()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("not within " + DEADLINE + ": " + what + "; webex " + SIM.messages(ROOM)
                        + ", mails " + mails("") + ", hooks " + HOOK_BODIES);
            }
            try {
                Thread.sleep(50); // polling an asynchronous effect, not waiting for time to pass
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
