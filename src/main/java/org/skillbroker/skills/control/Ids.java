package org.skillbroker.skills.control;

import java.util.Locale;
import java.util.regex.Pattern;

/** Contact Center ids are UUIDs; anything else is refused before it can reach a URL. */
public final class Ids {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    public static boolean isUuid(String text) {
        return text != null && UUID.matcher(text).matches();
    }

    public static String normalize(String uuid) {
        return uuid.toLowerCase(Locale.ROOT);
    }
}
