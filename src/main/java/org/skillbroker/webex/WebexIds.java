package org.skillbroker.webex;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Webex REST ids are base64 of {@code ciscospark://us/PEOPLE/<uuid>} or {@code .../ORGANIZATION/<uuid>}; the
 * Contact Center API wants the bare UUID (webex-api.md §4.2 step 2).
 */
public final class WebexIds {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private WebexIds() {
    }

    /** The UUID inside a Webex id of the given kind ({@code PEOPLE}, {@code ORGANIZATION}), if it is one. */
    public static Optional<String> uuidOf(String webexId, String kind) {
        if (webexId == null || webexId.isEmpty() || webexId.length() > 512) {
            return Optional.empty();
        }
        if (UUID.matcher(webexId).matches()) {
            return Optional.of(webexId.toLowerCase(java.util.Locale.ROOT)); // already bare
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(pad(webexId.replace('-', '+').replace('_', '/'))),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String marker = "/" + kind + "/";
        int at = decoded.lastIndexOf(marker);
        if (!decoded.startsWith("ciscospark://") || at < 0) {
            return Optional.empty();
        }
        String uuid = decoded.substring(at + marker.length());
        return UUID.matcher(uuid).matches() ? Optional.of(uuid.toLowerCase(java.util.Locale.ROOT)) : Optional.empty();
    }

    /**
     * The Webex REST id of a UUID ({@code ciscospark://us/<KIND>/<uuid>}, base64 without padding). The "us" part
     * is what Webex itself uses for orgs in every region.
     */
    public static String restIdOf(String kind, String uuid) {
        return Base64.getEncoder().withoutPadding().encodeToString(("ciscospark://us/" + kind + "/" + uuid)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String pad(String base64) {
        int remainder = base64.length() % 4;
        return remainder == 0 ? base64 : base64 + "=".repeat(4 - remainder);
    }
}
