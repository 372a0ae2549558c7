package org.skillbroker.config;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Webex Contact Center data centers; each has its own API host and Desktop origin (webex-api.md §2). */
public enum Datacenter {
    US1, EU1, EU2, ANZ1, CA1, JP1, SG1, IN1;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public URI apiBase() {
        return URI.create("https://api.wxcc-" + id() + ".cisco.com");
    }

    public String desktopOrigin() {
        return "https://desktop.wxcc-" + id() + ".cisco.com";
    }

    static Datacenter parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be one of " + ids());
        }
    }

    static String ids() {
        return Arrays.stream(values()).map(Datacenter::id).collect(Collectors.joining(", "));
    }
}
