package org.skillbroker.servers;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * tomcat-config/context.xml lists every key the broker reads: as a {@code <Parameter>}, or - for secrets - in a
 * comment that says which environment variable carries it. Guards the file when someone adds a setting.
 */
class TomcatConfigFilesTest {

    private static final Pattern KEY = Pattern.compile("\"(skillbroker\\.[a-z0-9.-]+)\"");
    private static final Set<String> SECRETS = Set.of("skillbroker.webex.client-secret", "skillbroker.store.keys",
            "skillbroker.store.keystore-password", "skillbroker.metrics.token", "skillbroker.alerts.webex.bot-token",
            "skillbroker.alerts.webhook.url", "skillbroker.service-app.client-secret");

    @Test
    void contextXmlNamesEveryKeyTheSettingsReaderReads() throws IOException {
        String reader = Files.readString(Path.of("src/main/java/org/skillbroker/config/SettingsReader.java"));
        String context = Files.readString(Path.of("tomcat-config/context.xml"));
        Set<String> keys = new TreeSet<>();
        Matcher m = KEY.matcher(reader);
        while (m.find()) {
            keys.add(m.group(1));
        }
        List<String> missing = keys.stream().filter(key -> SECRETS.contains(key)
                ? !context.contains(key) : !context.contains("<Parameter name=\"" + key + "\"")
                        && !context.contains(key)).toList();
        assertEquals(List.of(), missing, "keys missing from tomcat-config/context.xml");
        List<String> secretsAsParameters = SECRETS.stream()
                .filter(key -> context.contains("<Parameter name=\"" + key + "\"")).toList();
        assertEquals(List.of(), secretsAsParameters, "secrets belong in the environment (setenv.sh)");
    }
}
