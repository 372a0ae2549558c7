package org.skillbroker.caller;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.skillbroker.problem.ApiException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BearerTokenTest {

    private static final String TOKEN = "NjlhN2Q4-abc_PF84_d7426e8b-380a-30c3-a342-9207d88da733";

    @Test
    void aBearerHeaderGivesTheTokenAndAHashThatIsNotTheToken() {
        BearerToken token = BearerToken.from(List.of("Bearer " + TOKEN));

        assertEquals(TOKEN, token.reveal());
        assertEquals(64, token.hash().length());
        assertFalse(token.hash().contains(TOKEN));
        assertEquals(token.hash(), BearerToken.from(List.of("bearer  " + TOKEN)).hash());
        assertNotEquals(token.hash(), BearerToken.from(List.of("Bearer " + TOKEN + "x")).hash());
        assertFalse(token.toString().contains(TOKEN));
    }

    @Test
    void noHeaderIs401WithAPlainChallenge() {
        ApiException e = assertThrows(ApiException.class, () -> BearerToken.from(List.of()));

        assertEquals(401, e.problem().status());
        assertEquals("Bearer realm=\"skill-broker\"", e.headers().get("WWW-Authenticate"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Bearer a b", "Bearer tok\"en", "Token abc"})
    void malformedHeadersAre401InvalidRequest(String header) {
        ApiException e = assertThrows(ApiException.class, () -> BearerToken.from(List.of(header)));

        assertEquals(401, e.problem().status());
        assertTrue(e.headers().get("WWW-Authenticate").contains("error=\"invalid_request\""));
        assertFalse(e.getMessage().contains("dXNlcjpwYXNz"), "the credential is not echoed");
    }

    @Test
    void twoHeadersAreRefused() {
        ApiException e = assertThrows(ApiException.class,
                () -> BearerToken.from(List.of("Bearer " + TOKEN, "Bearer " + TOKEN)));

        assertEquals("urn:skill-broker:problem:invalid-authorization", e.problem().type());
    }

    @Test
    void anOverlongTokenIsRefused() {
        assertThrows(ApiException.class, () -> BearerToken.from(List.of("Bearer " + "a".repeat(5000))));
    }
}
