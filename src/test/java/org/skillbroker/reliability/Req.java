package org.skillbroker.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one HTTP/1.1 request as bytes, exactly as written: header values may hold CR, LF or NUL, the request
 * target may hold raw non-ASCII bytes. Characters up to U+00FF become one byte each (so "\u00c0\u00af" is the
 * overlong byte pair C0 AF); anything above is written as UTF-8. Adds {@code Host}, {@code Content-Length} and
 * {@code Connection: close} unless told not to.
 */
final class Req {

    private final String method;
    private final String target;
    private String version = "HTTP/1.1";
    private final List<String> headerLines = new ArrayList<>();
    private byte[] body;
    private boolean host = true;
    private boolean length = true;

    private Req(String method, String target) {
        this.method = method;
        this.target = target;
    }

    static Req of(String method, String target) {
        return new Req(method, target);
    }

    String method() {
        return method;
    }

    String target() {
        return target;
    }

    List<String> headerLines() {
        return headerLines;
    }

    Req header(String name, String value) {
        headerLines.add(name + ": " + value);
        return this;
    }

    /** A raw header line (no colon added): for malformed lines. */
    Req line(String raw) {
        headerLines.add(raw);
        return this;
    }

    Req version(String version) {
        this.version = version;
        return this;
    }

    Req body(byte[] body, String contentType) {
        this.body = body;
        return contentType == null ? this : header("Content-Type", contentType);
    }

    Req json(String json) {
        return body(json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    Req noHost() {
        host = false;
        return this;
    }

    /** Leave framing to the headers the case sets itself (chunked, a lying Content-Length). */
    Req noLength() {
        length = false;
        return this;
    }

    byte[] bytes(String hostHeader) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(' ').append(version)
                .append("\r\n");
        if (host) {
            head.append("Host: ").append(hostHeader).append("\r\n");
        }
        headerLines.forEach(line -> head.append(line).append("\r\n"));
        if (length && body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            if (c <= 0xFF) {
                out.write(c);
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }
}
