package org.skillbroker.web;

import jakarta.servlet.http.HttpServletRequest;

import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The admin pages' words in the visitor's language: {@code Accept-Language} picks one of {@link #SUPPORTED}
 * (English when none matches), texts come from {@code org/skillbroker/web/messages*.properties} (UTF-8,
 * {@link MessageFormat} patterns; write apostrophes as ’ so MessageFormat never swallows one).
 *
 * <p>Use: {@code Messages msg = Messages.of(request); msg.get("state.connected"); msg.get("x.y", arg)}.
 * A key missing from every bundle renders as {@code ⟦key⟧}, which the tests look for.
 */
public final class Messages {

    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH,
            Locale.forLanguageTag("es"), Locale.forLanguageTag("pt-BR"), Locale.JAPANESE);
    static final String BUNDLE = "org.skillbroker.web.messages";
    /** Longer headers are ignored: parsing is bounded whatever a stranger sends. */
    private static final int MAX_HEADER = 256;
    private static final ResourceBundle.Control NO_JVM_DEFAULT =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Locale locale;
    private final ResourceBundle bundle;

    private Messages(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, Messages.class.getClassLoader(), NO_JVM_DEFAULT);
    }

    public static Messages of(Locale locale) {
        return new Messages(supported(locale));
    }

    /** The language the visitor's browser asks for, among the supported ones. */
    public static Messages of(HttpServletRequest request) {
        return of(choose(request.getHeader("Accept-Language")));
    }

    static Locale choose(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > MAX_HEADER) {
            return Locale.ENGLISH;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage); // ordered by weight, highest first
        } catch (IllegalArgumentException e) {
            return Locale.ENGLISH;
        }
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() <= 0 || range.getRange().startsWith("*")) {
                continue;
            }
            String language = range.getRange().split("-", 2)[0];
            for (Locale candidate : SUPPORTED) {
                if (candidate.getLanguage().equals(language)) {
                    return candidate;
                }
            }
        }
        return Locale.ENGLISH;
    }

    private static Locale supported(Locale locale) {
        for (Locale candidate : SUPPORTED) {
            if (candidate.getLanguage().equals(locale.getLanguage())) {
                return candidate;
            }
        }
        return Locale.ENGLISH;
    }

    public Locale locale() {
        return locale;
    }

    /** For {@code <html lang>}. */
    public String languageTag() {
        return locale.toLanguageTag();
    }

    /** The text of {@code key}, with {@code args} put into its {0}, {1}…; never null. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "⟦" + key + "⟧";
        }
        return new MessageFormat(pattern, locale).format(args);
    }

    /** An absolute time, in the visitor's style, in UTC (the server cannot know the visitor's zone). */
    public String time(Instant instant) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale).withZone(ZoneOffset.UTC)
                .format(instant) + " UTC";
    }

    /**
     * A time relative to {@code now} in the largest unit that is at least one whole of it: "in 14 minutes",
     * "3 hours ago", "in 2 days"; "in less than a minute" / "just now" below a minute.
     */
    public String relative(Instant now, Instant then) {
        Duration d = Duration.between(now, then);
        boolean future = !d.isNegative();
        long seconds = Math.abs(d.getSeconds());
        if (seconds < 60) {
            return get(future ? "time.soon" : "time.now");
        }
        String unit;
        long amount;
        if (seconds < 3600) {
            unit = "minutes";
            amount = seconds / 60;
        } else if (seconds < 2 * 86400) {
            unit = "hours";
            amount = seconds / 3600;
        } else {
            unit = "days";
            amount = seconds / 86400;
        }
        return get("time." + (future ? "in." : "ago.") + unit, amount);
    }
}
