package org.skillbroker.widget;

import org.skillbroker.Jsonp;
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
        return Jsonp.createObjectBuilder()
                .add("nav", Jsonp.createObjectBuilder()
                        .add("label", "Skills")
                        .add("icon", base + "/widget/skills-icon.svg")
                        .add("iconType", "other")
                        .add("navigateTo", PAGE_ID)
                        .add("align", "top"))
                .add("page", Jsonp.createObjectBuilder()
                        .add("id", PAGE_ID)
                        .add("widgets", Jsonp.createObjectBuilder()
                                .add("skill-editor", Jsonp.createObjectBuilder()
                                        .add("comp", ELEMENT)
                                        .add("script", base + "/widget/skill-editor-widget.js")
                                        .add("attributes", Jsonp.createObjectBuilder()
                                                .add("access-token", "$STORE.auth.accessToken")
                                                .add("broker-url", base)
                                                .add("dark-mode", "$STORE.app.darkMode")
                                                .add("locale", "$STORE.app.locale")
                                                .add("org-id", "$STORE.agent.orgId"))))
                        .add("layout", Jsonp.createObjectBuilder()
                                .add("areas", Jsonp.createArrayBuilder().add(Jsonp.createArrayBuilder().add("skill-editor")))
                                .add("size", Jsonp.createObjectBuilder()
                                        .add("cols", Jsonp.createArrayBuilder().add(1))
                                        .add("rows", Jsonp.createArrayBuilder().add(1)))))
                .build();
    }

    public static String pretty(URI brokerUrl) {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = Jsonp.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            writer.writeObject(entry(brokerUrl));
        }
        return out.toString().strip() + "\n";
    }
}
