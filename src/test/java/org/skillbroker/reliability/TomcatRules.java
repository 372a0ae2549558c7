package org.skillbroker.reliability;

import java.util.regex.Pattern;

/**
 * Which requests Tomcat 10.1 refuses itself, before any filter or servlet of the WAR runs, so that the answer is
 * Tomcat's page and not our problem: a web app cannot change these, only the connector's configuration can.
 * <ul>
 *   <li>an encoded '/' or '\' in the path ({@code encodedSolidusHandling} and {@code encodedReverseSolidusHandling}
 *       default to reject), an encoded NUL, a malformed %-escape ({@code %u002e}), or %-escapes that decode to
 *       invalid UTF-8 (overlong {@code %c0%ae}, a surrogate {@code %ed%a0%80}): 400;</li>
 *   <li>characters RFC 3986 forbids in the request target, raw ({@code { | }}, bytes above 0x7F, controls): 400;</li>
 *   <li>a path that climbs above the root once normalised ({@code /../../etc/passwd}): 400;</li>
 *   <li>CONNECT, which it does not implement for a web app: 501.</li>
 * </ul>
 * Protocol-level breakage (bad request line or version, header syntax, CR/LF or NUL in a header, a header block
 * over 8 KB, conflicting framing) is marked as such where the corpus builds it.
 */
final class TomcatRules {

    private static final Pattern REJECTED_ESCAPE = Pattern.compile("(?i).*%(2f|5c|00|c0|c1|ed%a0|u).*");

    private TomcatRules() {
    }

    static boolean answersFirst(Req request) {
        if (request.headerLines().stream().anyMatch(TomcatRules::breaksHeaderSyntax)
                || request.headerLines().stream().mapToInt(String::length).sum() > 8 * 1024) {
            return true;
        }
        String target = request.target();
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        return "CONNECT".equals(request.method()) || REJECTED_ESCAPE.matcher(path).matches()
                || path.chars().anyMatch(c -> c > 0x7E || c < 0x21 || c == '{' || c == '}' || c == '|')
                || climbsAboveRoot(path);
    }

    /** A control character other than TAB in a header line: CR, LF and NUL are refused by Tomcat's parser. */
    private static boolean breaksHeaderSyntax(String line) {
        return line.chars().anyMatch(c -> c < 0x20 && c != '\t');
    }

    private static boolean climbsAboveRoot(String path) {
        int depth = 0;
        for (String segment : path.replaceAll("(?i)%2e", ".").split("/")) {
            if (segment.equals("..")) {
                depth--;
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                depth++;
            }
            if (depth < 0) {
                return true;
            }
        }
        return false;
    }

    /** 501 (a method or transfer coding Tomcat does not implement) and 505 (an HTTP version it does not speak). */
    static boolean protocolStatus(int status) {
        return status == 501 || status == 505;
    }
}
