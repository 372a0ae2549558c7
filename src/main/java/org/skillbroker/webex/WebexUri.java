package org.skillbroker.webex;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A Webex URL written as a string from its parts and parsed once, by {@link #toUri()}. Each path segment and each
 * query name and value is percent-encoded here: every byte of its UTF-8 form outside RFC 3986's unreserved
 * characters ({@code A-Z a-z 0-9 - . _ ~}) becomes {@code %XX}, in a query a space becomes {@code +} (as Contact
 * Center's form-style query parsing reads it). So a value can never add a segment, a query, a parameter or a
 * fragment, nor be decoded into something else ({@code %41} stays the three characters it was). The segments
 * {@code ""}, {@code .} and {@code ..} are refused: a server would fold them into a different path. Ids are
 * validated before they get here; this is the second line.
 *
 * <p>Immutable: a prefix that never changes (origin and {@code /organization}) is built once and extended per call.
 * The base keeps its scheme and authority only; a path it has is replaced, as {@code tokenUri()} and every client
 * always did.
 */
final class WebexUri {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String text;
    private final boolean hasQuery;

    private WebexUri(String text, boolean hasQuery) {
        this.text = text;
        this.hasQuery = hasQuery;
    }

    /** The scheme and authority of {@code base}, without its path: {@code https://api.wxcc-us1.cisco.com}. */
    static WebexUri origin(URI base) {
        if (base.getScheme() == null || base.getRawAuthority() == null) {
            throw new IllegalArgumentException("not an absolute URL with a host: " + base);
        }
        return new WebexUri(base.getScheme() + "://" + base.getRawAuthority(), false);
    }

    /** This URL with {@code segments} appended, each as exactly one path segment. */
    WebexUri path(String... segments) {
        if (hasQuery) {
            throw new IllegalStateException("path after query");
        }
        StringBuilder out = new StringBuilder(text.length() + 48 * segments.length).append(text);
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("not a path segment: '" + segment + "'");
            }
            encode(out.append('/'), segment, false);
        }
        return new WebexUri(out.toString(), false);
    }

    /** This URL with the query parameter {@code name=value} appended ({@code value} as {@link String#valueOf}). */
    WebexUri query(String name, Object value) {
        StringBuilder out = new StringBuilder(text.length() + 64).append(text).append(hasQuery ? '&' : '?');
        encode(out, name, true);
        encode(out.append('='), String.valueOf(Objects.requireNonNull(value, name)), true);
        return new WebexUri(out.toString(), true);
    }

    /** The URL, parsed once. */
    URI toUri() {
        return URI.create(text);
    }

    @Override
    public String toString() {
        return text;
    }

    /** Appends {@code value} encoded; values of unreserved characters only (UUIDs, names) are copied as they are. */
    static StringBuilder encode(StringBuilder out, String value, boolean query) {
        int i = 0;
        while (i < value.length() && unreserved(value.charAt(i))) {
            i++;
        }
        if (i == value.length()) {
            return out.append(value); // the usual case: a UUID, a word
        }
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (unreserved(c)) {
                out.append(c);
            } else if (c == ' ' && query) {
                out.append('+');
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out;
    }

    /** RFC 3986 §2.3. */
    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
