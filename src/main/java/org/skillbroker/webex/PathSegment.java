package org.skillbroker.webex;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Builds Webex URLs from their parts as strings, parsed once: an id becomes exactly one path segment (a '/', '?',
 * '%' or anything outside RFC 3986's segment characters is percent-encoded), so an id can never add a segment or a
 * query. Ids are validated before they get here; this is the second line.
 */
final class PathSegment {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathSegment() {
    }

    /** The scheme and authority of a base URL, without a path: {@code https://api.wxcc-us1.cisco.com}. */
    static String origin(URI base) {
        return base.getScheme() + "://" + base.getRawAuthority();
    }

    /** {@code segment} as one encoded path segment. */
    static String encode(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            if (!plain(segment.charAt(i))) {
                return escape(segment);
            }
        }
        return segment; // the usual case: a UUID
    }

    private static String escape(String segment) {
        StringBuilder out = new StringBuilder(segment.length() * 3);
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && plain(c)) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }

    /** RFC 3986 unreserved characters plus the sub-delims and ':' '@' a segment may hold, minus '+' (read as space by some servers). */
    private static boolean plain(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '!' || c == '$' || c == '&' || c == '\''
                || c == '(' || c == ')' || c == '*' || c == ',' || c == ';' || c == '=' || c == ':' || c == '@';
    }
}
