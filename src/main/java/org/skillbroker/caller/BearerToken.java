package org.skillbroker.caller;

import org.skillbroker.problem.ApiException;
import org.skillbroker.problem.Problem;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The caller's Desktop token from {@code Authorization: Bearer ...} (RFC 6750 §2.1). Refusals carry
 * {@code WWW-Authenticate: Bearer} with the RFC 6750 §3.1 error code. {@link #toString()} never shows it, and
 * caches key on {@link #hash()}, so the token itself is kept nowhere.
 */
public final class BearerToken {

    /** RFC 6750 b64token, bounded in length: real Webex tokens are a few hundred characters. */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]{1,4096}=*");
    private static final String REALM = "Bearer realm=\"skill-broker\"";

    private final String value;

    private BearerToken(String value) {
        this.value = value;
    }

    /** @param headers every {@code Authorization} header of the request */
    public static BearerToken from(List<String> headers) {
        if (headers == null || headers.isEmpty()) {
            throw unauthorized("unauthenticated", "Authentication required",
                    "Send the Desktop's access token as Authorization: Bearer <token>.", null);
        }
        if (headers.size() > 1) {
            throw unauthorized("invalid-authorization", "Invalid Authorization header",
                    "Send exactly one Authorization header.", "invalid_request");
        }
        String header = headers.get(0).trim();
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equalsIgnoreCase("Bearer")) {
            throw unauthorized("invalid-authorization", "Invalid Authorization header",
                    "The Authorization header must use the Bearer scheme.", "invalid_request");
        }
        String token = header.substring(space + 1).trim();
        if (!B64TOKEN.matcher(token).matches()) {
            throw unauthorized("invalid-authorization", "Invalid Authorization header",
                    "The bearer token is malformed.", "invalid_request");
        }
        return new BearerToken(token);
    }

    /** For the one call that must present it to Webex. */
    public String reveal() {
        return value;
    }

    /** SHA-256 of the token, hex: the cache key, never reversible into the token. */
    public String hash() {
        return HexFormat.of().formatHex(SHA_256.get().digest(value.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * One digest per request thread, reused: {@code MessageDigest.getInstance} looks the provider up every time.
     * The thread-local and its value are JDK classes, so a pooled thread holds no class of this web app.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    /** A 401 with {@code WWW-Authenticate: Bearer} (and the RFC 6750 error code when there is one). */
    public static ApiException unauthorized(String kind, String title, String detail, String error) {
        String challenge = error == null ? REALM : REALM + ", error=\"" + error + "\"";
        return new ApiException(Problem.of(kind, title, 401, detail), Map.of("WWW-Authenticate", challenge));
    }

    @Override
    public String toString() {
        return "BearerToken[<redacted>]";
    }
}
