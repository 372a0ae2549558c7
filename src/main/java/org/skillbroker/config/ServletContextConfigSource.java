package org.skillbroker.config;

import io.smallrye.config.common.MapBackedConfigSource;
import jakarta.servlet.ServletContext;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The web application's context init parameters as a config source, so a Tomcat admin can set the broker's
 * keys as {@code <Parameter>}s in {@code context.xml} (or {@code <context-param>} in a deployment descriptor).
 * Ordinal 250: below environment variables (300) and system properties (400), above a settings file and the
 * defaults inside the WAR.
 */
final class ServletContextConfigSource extends MapBackedConfigSource {

    static final int ORDINAL = 250;

    ServletContextConfigSource(ServletContext context) {
        super("ServletContext[" + context.getContextPath() + "]", read(context), ORDINAL);
    }

    private static Map<String, String> read(ServletContext context) {
        Map<String, String> values = new HashMap<>();
        for (String name : Collections.list(context.getInitParameterNames())) {
            if (name.startsWith(Settings.PREFIX)) {
                values.put(name, context.getInitParameter(name));
            }
        }
        return values;
    }
}
