package org.skillbroker.webex;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code application/x-www-form-urlencoded} body for Webex's token endpoint (RFC 6749 §4.1.3, §6). It carries
 * the client secret and a code or a refresh token, so {@link #toString()} names the fields, never a value.
 */
final class TokenForm {

    private final StringBuilder body = new StringBuilder(256);
    private final List<String> names = new ArrayList<>(6);

    TokenForm add(String name, String value) {
        if (!body.isEmpty()) {
            body.append('&');
        }
        body.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        names.add(name);
        return this;
    }

    /** The encoded body, values included: only for the request itself. */
    String encoded() {
        return body.toString();
    }

    @Override
    public String toString() {
        return "TokenForm" + names;
    }
}
