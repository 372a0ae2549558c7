package org.skillbroker.it;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures everything the broker and Tomcat log (through java.util.logging, which System.Logger and Tomcat's
 * JULI use in the test JVM) and every response body the tests receive, so a test can assert that no token,
 * code, client secret or key ever appears in any of them.
 */
public final class LeakWatch {

    private static final List<String> CAPTURED = new ArrayList<>();
    private static volatile boolean installed;
    private static final List<Logger> KEEP = new ArrayList<>();

    private LeakWatch() {
    }

    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        Logger root = Logger.getLogger("");
        root.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (fromTheTestsThemselves(record.getLoggerName())) {
                    return;
                }
                StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
                if (record.getParameters() != null) {
                    for (Object parameter : record.getParameters()) {
                        text.append(' ').append(parameter);
                    }
                }
                for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                    text.append(' ').append(t);
                }
                capture(text.toString());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        // The broker and the JDK's HTTP connection at every level; the container at its usual INFO (at
        // FINE Tomcat itself prints raw request lines, which no web app can prevent - operators keep it off).
        for (String name : new String[]{"org.skillbroker", "sun.net.www.protocol.http.HttpURLConnection"}) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.ALL);
            KEEP.add(logger);
        }
    }

    /** The tests' own HTTP client and the simulator: they hold tokens legitimately. */
    private static boolean fromTheTestsThemselves(String logger) {
        return logger != null && (logger.startsWith("jdk.internal.httpclient") || logger.startsWith("jdk.httpclient")
                || logger.startsWith("org.skillbroker.simulator"));
    }

    public static synchronized void capture(String text) {
        CAPTURED.add(text);
    }

    public static synchronized int size() {
        return CAPTURED.size();
    }

    /** The secrets (each at least 8 characters) that appear anywhere in what was captured. */
    public static synchronized List<String> leaked(Collection<String> secrets) {
        List<String> found = new ArrayList<>();
        for (String secret : secrets) {
            if (secret == null || secret.length() < 8) {
                continue;
            }
            for (String text : CAPTURED) {
                if (text.contains(secret)) {
                    found.add(abbreviate(secret) + " in: " + abbreviate(text));
                    break;
                }
            }
        }
        return found;
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }
}
