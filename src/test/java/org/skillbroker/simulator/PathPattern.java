package org.skillbroker.simulator;

/**
 * Glob over path segments: {@code *} matches exactly one segment, {@code **} any number (also none).
 * Kept segment-based, not regex-based, so patterns like {@code /organization/* /skill-profile/*} read naturally.
 */
final class PathPattern {

    private PathPattern() {
    }

    static boolean matches(String pattern, String path) {
        return match(split(pattern), 0, split(path), 0);
    }

    static boolean methodMatches(String pattern, String method) {
        return pattern == null || pattern.equals("*") || pattern.equalsIgnoreCase(method);
    }

    private static String[] split(String s) {
        String trimmed = s.startsWith("/") ? s.substring(1) : s;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    private static boolean match(String[] p, int pi, String[] s, int si) {
        if (pi == p.length) {
            return si == s.length;
        }
        if (p[pi].equals("**")) {
            for (int k = si; k <= s.length; k++) {
                if (match(p, pi + 1, s, k)) {
                    return true;
                }
            }
            return false;
        }
        if (si == s.length) {
            return false;
        }
        return (p[pi].equals("*") || p[pi].equals(s[si])) && match(p, pi + 1, s, si + 1);
    }
}
