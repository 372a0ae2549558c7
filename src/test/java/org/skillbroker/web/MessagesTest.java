package org.skillbroker.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin pages' languages: complete, well-formed, chosen by Accept-Language, and times said right. */
class MessagesTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private static Properties bundle(String suffix) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream("/org/skillbroker/web/messages" + suffix + ".properties")) {
            assertTrue(in != null, "bundle " + suffix);
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyLanguageHasExactlyTheEnglishKeysAndEachPatternFormats() throws IOException {
        Set<String> english = new TreeSet<>(bundle("").stringPropertyNames());
        for (String suffix : new String[]{"", "_de", "_fr", "_es", "_pt_BR", "_ja"}) {
            Properties p = bundle(suffix);
            assertEquals(english, new TreeSet<>(p.stringPropertyNames()), "keys of messages" + suffix);
            Locale locale = suffix.isEmpty() ? Locale.ENGLISH : Locale.forLanguageTag(suffix.substring(1).replace('_', '-'));
            Messages msg = Messages.of(locale);
            for (String key : english) {
                String value = p.getProperty(key);
                assertFalse(value.contains("'"), "a plain apostrophe in " + suffix + " " + key + " (write ’)");
                String text = msg.get(key, 3, "b");
                assertFalse(text.isBlank() || text.contains("⟦"), suffix + " " + key);
                if (!suffix.isEmpty() && !Set.of("fact.scopes", "fact.org", "fact.datacenter", "status.title",
                        "fact.authorized-at", "action.cancel", "links.label", "disconnect.title", "time.expired",
                        "state.since").contains(key) && value.length() > 12) {
                    assertNotEquals(bundle("").getProperty(key), value, "untranslated: " + suffix + " " + key);
                }
            }
        }
    }

    @Test
    void acceptLanguagePicksASupportedLanguageInPreferenceOrder() {
        assertEquals(Locale.GERMAN, Messages.choose("de-DE,de;q=0.9,en;q=0.8"));
        assertEquals(Locale.forLanguageTag("pt-BR"), Messages.choose("pt-PT,pt;q=0.9"));
        assertEquals(Locale.JAPANESE, Messages.choose("ko;q=0.9, ja;q=0.8, en;q=0.1"));
        assertEquals(Locale.FRENCH, Messages.choose("fr-CA"));
        assertEquals(Locale.ENGLISH, Messages.choose("ko"));
        assertEquals(Locale.ENGLISH, Messages.choose(null));
        assertEquals(Locale.ENGLISH, Messages.choose("*"));
        assertEquals(Locale.ENGLISH, Messages.choose("de;q=nonsense,,,"));
        assertEquals(Locale.ENGLISH, Messages.choose("de," + "x".repeat(300)), "a long header is ignored, not parsed");
        assertEquals("de", Messages.of(Locale.GERMAN).languageTag());
        assertEquals("pt-BR", Messages.of(Locale.forLanguageTag("pt-BR")).languageTag());
    }

    @Test
    void relativeTimesUseTheRightUnitAndPlural() {
        Messages en = Messages.of(Locale.ENGLISH);
        assertEquals("in 1 minute", en.relative(NOW, NOW.plusSeconds(61)));
        assertEquals("in 14 minutes", en.relative(NOW, NOW.plus(Duration.ofMinutes(14))));
        assertEquals("in 5 hours", en.relative(NOW, NOW.plus(Duration.ofHours(5))));
        assertEquals("in 13 days", en.relative(NOW, NOW.plus(Duration.ofDays(13)).plusSeconds(5)));
        assertEquals("3 minutes ago", en.relative(NOW, NOW.minus(Duration.ofMinutes(3))));
        assertEquals("in less than a minute", en.relative(NOW, NOW.plusSeconds(20)));
        assertEquals("just now", en.relative(NOW, NOW.minusSeconds(20)));
        assertEquals("expired 3 minutes ago", en.get("time.expired", en.relative(NOW, NOW.minusSeconds(200))));
        assertEquals("vor 2 Stunden", Messages.of(Locale.GERMAN).relative(NOW, NOW.minus(Duration.ofHours(2))));
        assertEquals("3 分後", Messages.of(Locale.JAPANESE).relative(NOW, NOW.plus(Duration.ofMinutes(3))));
        assertTrue(en.time(NOW).endsWith("UTC") && en.time(NOW).contains("2026"), en.time(NOW));
        assertFalse(en.time(NOW.plusNanos(123456789)).contains("123456789"), "no raw nanoseconds");
    }

    @Test
    void aMissingKeyIsVisibleNotBlank() {
        assertEquals("⟦no.such.key⟧", Messages.of(Locale.GERMAN).get("no.such.key"));
    }
}
