package org.skillbroker.widget;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;

import java.io.StringWriter;
import java.net.URI;
import java.util.Map;

/**
 * The Desktop layout entry for the widget (webex-api.md §5): one object for a {@code navigation} array, giving
 * supervisors a "Skills" page. {@code $STORE...} values are filled in by the Desktop at run time.
 */
public final class LayoutSnippet {

    public static final String PAGE_ID = "skill-editor";
    public static final String ELEMENT = "skill-editor-widget";

    private LayoutSnippet() {
    }

    /** @param brokerUrl the broker's public URL including the context path, without a trailing slash */
    public static JsonObject entry(URI brokerUrl) {
        String base = brokerUrl.toString().replaceAll("/+$", "");
        return Json.createObjectBuilder()
                .add("nav", Json.createObjectBuilder()
                        .add("label", "Skills")
                        .add("icon", base + "/widget/skills-icon.svg")
                        .add("iconType", "other")
                        .add("navigateTo", PAGE_ID)
                        .add("align", "top"))
                .add("page", Json.createObjectBuilder()
                        .add("id", PAGE_ID)
                        .add("widgets", Json.createObjectBuilder()
                                .add("skill-editor", Json.createObjectBuilder()
                                        .add("comp", ELEMENT)
                                        .add("script", base + "/widget/skill-editor-widget.js")
                                        .add("attributes", Json.createObjectBuilder()
                                                .add("access-token", "$STORE.auth.accessToken")
                                                .add("broker-url", base)
                                                .add("dark-mode", "$STORE.app.darkMode")
                                                .add("org-id", "$STORE.agent.orgId"))))
                        .add("layout", Json.createObjectBuilder()
                                .add("areas", Json.createArrayBuilder().add(Json.createArrayBuilder().add("skill-editor")))
                                .add("size", Json.createObjectBuilder()
                                        .add("cols", Json.createArrayBuilder().add(1))
                                        .add("rows", Json.createArrayBuilder().add(1)))))
                .build();
    }

    public static String pretty(URI brokerUrl) {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            writer.writeObject(entry(brokerUrl));
        }
        return out.toString().strip() + "\n";
    }
}
