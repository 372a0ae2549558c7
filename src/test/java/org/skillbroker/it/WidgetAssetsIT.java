package org.skillbroker.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The widget's script and the Desktop layout entry as the WAR serves them. */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class WidgetAssetsIT {

    private static final String BASE = BrokerEnvironment.BASE;
    private static final String PUBLIC = "https://broker.example.com/skill-broker";

    @Deployment(testable = false)
    static WebArchive deployment() {
        BrokerEnvironment.configure(Map.of("skillbroker.public-url", PUBLIC + "/"));
        return BrokerEnvironment.war();
    }

    @Test
    void widgetScriptHasAStrongEtagAndRevalidatesWithA304() {
        WebClient.Reply script = new WebClient().get(BASE + "/widget/skill-editor-widget.js");

        assertEquals(200, script.status());
        assertEquals("text/javascript;charset=utf-8", script.contentType().replace(" ", "").toLowerCase());
        assertTrue(script.body().contains("customElements.define(TAG"), "the widget itself");
        // two views (skill profiles with history, undo and timed changes; agents) in six languages: a bound, so
        // growth is a decision, not a drift
        assertTrue(script.body().length() < 130_000, "six languages, both views: under 130 KB unminified: "
                + script.body().length());
        String etag = script.header("ETag").orElseThrow();
        assertTrue(etag.matches("\"[A-Za-z0-9_-]{20,}\""), etag);
        assertEquals("public, max-age=300", script.header("Cache-Control").orElseThrow());

        WebClient.Reply again = new WebClient().get(BASE + "/widget/skill-editor-widget.js", "If-None-Match", etag);
        assertEquals(304, again.status());
        assertEquals("", again.body());
        assertEquals(etag, again.header("ETag").orElseThrow());
        WebClient.Reply weak = new WebClient().get(BASE + "/widget/skill-editor-widget.js", "If-None-Match", "W/" + etag);
        assertEquals(304, weak.status(), "If-None-Match compares weakly");
        WebClient.Reply changed = new WebClient().get(BASE + "/widget/skill-editor-widget.js", "If-None-Match", "\"old\"");
        assertEquals(200, changed.status());
    }

    @Test
    void layoutEntryCarriesTheConfiguredPublicUrlAndTheDesktopStoreBindings() {
        WebClient.Reply reply = new WebClient().get(BASE + "/widget/layout.json");

        assertEquals(200, reply.status());
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
        JsonObject entry = Json.createReader(new StringReader(reply.body())).readObject();
        assertEquals("skill-editor", entry.getJsonObject("nav").getString("navigateTo"));
        JsonObject widget = entry.getJsonObject("page").getJsonObject("widgets").getJsonObject("skill-editor");
        assertEquals("skill-editor-widget", widget.getString("comp"));
        assertEquals(PUBLIC + "/widget/skill-editor-widget.js", widget.getString("script"));
        JsonObject attributes = widget.getJsonObject("attributes");
        assertEquals("$STORE.auth.accessToken", attributes.getString("access-token"));
        assertEquals(PUBLIC, attributes.getString("broker-url"));
        assertEquals("$STORE.app.darkMode", attributes.getString("dark-mode"));
        assertEquals("$STORE.app.locale", attributes.getString("locale"), "the widget speaks the Desktop's language");
        assertEquals("$STORE.agent.orgId", attributes.getString("org-id"));
    }

    @Test
    void unknownWidgetFilesAreProblems() {
        WebClient.Reply reply = new WebClient().get(BASE + "/widget/nothing.js");

        assertEquals(404, reply.status());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
    }
}
