package org.skillbroker.setup;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * One authorization request in flight, kept in the admin's HTTP session: the {@code state} that binds the
 * callback to this session (RFC 6749 §10.12) and the PKCE verifier (RFC 7636). Single use; expires.
 */
record PendingAuthorization(String state, String codeVerifier, Purpose purpose, Instant createdAt)
        implements Serializable {

    enum Purpose {
        /** Obtain and store the admin grant (also signs the admin in). */
        CONNECT,
        /** Only prove who the admin is; the identity token is used once and dropped. */
        SIGN_IN
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    static PendingAuthorization create(Purpose purpose, Instant now) {
        // 256 bits each: well above the 128 bits the issue asks of state; the verifier is 43 chars (RFC 7636 §4.1)
        return new PendingAuthorization(randomToken(), randomToken(), purpose, now);
    }

    /** {@code BASE64URL(SHA256(verifier))}, the S256 method of RFC 7636 §4.2. */
    String codeChallenge() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(codeVerifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "PendingAuthorization[" + purpose + ", createdAt=" + createdAt + "]";
    }
}
