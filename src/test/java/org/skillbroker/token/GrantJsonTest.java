package org.skillbroker.token;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The stored grant's JSON is the text JSON-B (Yasson, which wrote it until 2026-11) writes for the same grant, so
 * stores written before are read, and an older node sharing the store reads what a newer one writes.
 */
class GrantJsonTest {

    private static final Instant T = Instant.parse("2026-11-30T09:00:00Z");
    private static Jsonb jsonb;

    @BeforeAll
    static void yasson() {
        jsonb = JsonbBuilder.create();
    }

    @AfterAll
    static void close() throws Exception {
        jsonb.close();
    }

    /** Every property set, one scope and one alert mark (sets and maps have no order of their own). */
    static Grant full() {
        TokenSet tokens = new TokenSet("acc\"ess/\u00e9\u2028", T.plusSeconds(3600), "refr\\esh",
                T.plusSeconds(86_400).plusNanos(123_000_000), Set.of("cjp:config_write"), T);
        return new Grant(tokens, "org-1", new Administrator("person-1", "Åsa \"Admin\" <x>", "a@example.com"),
                T.minusSeconds(60), GrantStatus.REAUTHORIZATION_REQUIRED, T.plusNanos(1), "refreshed\nok", 42,
                new AdminCheck(T.plusSeconds(5), true, "still an admin"),
                Map.of("refresh-failing", new AlertMark(true, T, T.plusSeconds(7), "three failures")), "app-9");
    }

    /** Only what a grant must have: the optional properties are null and left out. */
    static Grant bare() {
        TokenSet tokens = new TokenSet("a", T, "r", T, Set.of(), T);
        return new Grant(tokens, "org-1", new Administrator("p", null, null), T, GrantStatus.ACTIVE, null, null, 0);
    }

    @Test
    void writesWhatJsonBWrote() {
        for (Grant grant : new Grant[]{full(), bare()}) {
            assertEquals(jsonb.toJson(grant), GrantJson.write(grant));
        }
    }

    @Test
    void readsWhatJsonBWrote() {
        TokenSet tokens = new TokenSet("a", T, "r", T, Set.of("s1", "s2", "s3"), T);
        Grant many = new Grant(tokens, "org-1", new Administrator("p", "n", "e"), T, GrantStatus.ACTIVE, T, "x", 7,
                new AdminCheck(T, false, ""), Map.of("a", new AlertMark(false, T, T, ""),
                "b", new AlertMark(true, T.plusSeconds(1), T.plusSeconds(2), "d")), null);
        for (Grant grant : new Grant[]{full(), bare(), many}) {
            assertEquals(grant, GrantJson.read(jsonb.toJson(grant)));
            assertEquals(grant, GrantJson.read(GrantJson.write(grant)));
        }
    }

    @Test
    void aMissingPropertyReadsAsJsonBReadItAndAnUnknownOneIsIgnored() {
        String written = GrantJson.write(bare());
        assertEquals(bare(), GrantJson.read(written.replace("\"generation\":0,", "")
                .replace("{\"alertMarks\":{},", "{\"later\":[1],\"alertMarks\":null,")));
    }

    @Test
    void refusesWhatIsNotAGrant() {
        String written = GrantJson.write(full());
        for (String broken : new String[]{"{}", "[]", "not json", written.replace("\"orgId\":\"org-1\",", ""),
                written.replace("\"status\":\"REAUTHORIZATION_REQUIRED\"", "\"status\":\"WIDER\""),
                written.replace("\"generation\":42", "\"generation\":\"42\""),
                written.replace("\"generation\":42", "\"generation\":-1"),
                written.replace("\"authorizedAt\":\"2026-11-30T08:59:00Z\"", "\"authorizedAt\":\"yesterday\""),
                written.replace("\"refreshToken\":\"refr\\\\esh\",", "")}) {
            assertThrows(RuntimeException.class, () -> GrantJson.read(broken), broken);
        }
    }
}
