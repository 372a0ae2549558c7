package org.skillbroker.widget;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * A file the WAR serves to browsers, held in memory with a strong {@code ETag} computed from its bytes (RFC 9110
 * §8.8.3), so a redeploy with a changed widget is picked up and an unchanged one costs a 304.
 */
record WidgetFile(byte[] content, String contentType, String etag) {

    WidgetFile {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(etag, "etag");
    }

    static WidgetFile of(byte[] content, String contentType) {
        return new WidgetFile(content, contentType, etagOf(content));
    }

    static String etagOf(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 18)) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * {@code If-None-Match} uses the weak comparison (RFC 9110 §13.1.2): {@code W/} prefixes are ignored, and
     * {@code *} matches any current representation.
     */
    boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    String text() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
