package org.skillbroker.setup;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingAuthorizationTest {

    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    @Test
    void s256ChallengeMatchesTheRfc7636Example() {
        PendingAuthorization pending = new PendingAuthorization("state",
                "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", PendingAuthorization.Purpose.CONNECT, T0);
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", pending.codeChallenge());
    }

    @Test
    void stateAndVerifierAreFreshAndLongEnough() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            PendingAuthorization pending = PendingAuthorization.create(PendingAuthorization.Purpose.CONNECT, T0);
            assertEquals(43, pending.state().length(), "256 bits, base64url");
            assertTrue(pending.codeVerifier().matches("[A-Za-z0-9_-]{43,128}"), "RFC 7636 §4.1 verifier");
            assertTrue(seen.add(pending.state()) && seen.add(pending.codeVerifier()));
        }
    }

    @Test
    void expiresAfterTheConfiguredTime() {
        PendingAuthorization pending = PendingAuthorization.create(PendingAuthorization.Purpose.SIGN_IN, T0);
        Duration ttl = Duration.ofMinutes(10);
        assertFalse(AdminSession.expired(pending, T0.plus(ttl), ttl));
        assertTrue(AdminSession.expired(pending, T0.plus(ttl).plusMillis(1), ttl));
    }

    @Test
    void printsNoSecret() {
        PendingAuthorization pending = PendingAuthorization.create(PendingAuthorization.Purpose.CONNECT, T0);
        assertFalse(pending.toString().contains(pending.state()));
        assertFalse(pending.toString().contains(pending.codeVerifier()));
    }
}
