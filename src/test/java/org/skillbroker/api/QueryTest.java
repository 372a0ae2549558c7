package org.skillbroker.api;

import org.junit.jupiter.api.Test;
import org.skillbroker.problem.ApiException;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QueryTest {

    @Test
    void theFirstValueOfEachParameterDecoded() {
        assertEquals(Map.of("search", "Anna Müller", "page", "2", "flag", ""),
                Query.parse("search=Anna+M%C3%BCller&page=2&page=3&flag"));
        assertEquals(Map.of(), Query.parse(null));
        assertEquals(Map.of(), Query.parse(""));
        assertEquals(Map.of("a", "x=y"), Query.parse("a=x%3Dy"));
    }

    @Test
    void aBrokenEncodingIsA400() {
        ApiException refused = assertThrows(ApiException.class, () -> Query.parse("search=%zz"));
        assertEquals(400, refused.problem().status());
        assertEquals("urn:skill-broker:problem:invalid-query", refused.problem().type());
    }

    @Test
    void tooManyParametersAreA400BeforeAnyIsDecoded() {
        String many = "a=1&".repeat(Query.MAX_PARAMETERS) + "b=%zz";
        ApiException refused = assertThrows(ApiException.class, () -> Query.parse(many));
        assertEquals("The query has more than " + Query.MAX_PARAMETERS + " parameters.", refused.problem().detail());
        assertEquals(Map.of("a", "1"), Query.parse("a=1&".repeat(Query.MAX_PARAMETERS - 1) + "a=2"));
    }
}
