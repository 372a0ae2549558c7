package org.skillbroker.config;

import io.smallrye.config.common.MapBackedConfigSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * An optional properties file named by {@code skillbroker.config.file}: lets operators keep settings outside
 * the container's files. Ordinal 150: below the servlet context, above the defaults in the WAR.
 */
final class SettingsFileConfigSource extends MapBackedConfigSource {

    static final int ORDINAL = 150;

    private SettingsFileConfigSource(Path file, Map<String, String> values) {
        super("SettingsFile[" + file + "]", values, ORDINAL);
    }

    static SettingsFileConfigSource load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return new SettingsFileConfigSource(file, values);
    }
}
