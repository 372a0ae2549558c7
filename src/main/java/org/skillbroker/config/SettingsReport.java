package org.skillbroker.config;

import java.util.List;
import java.util.Optional;

/** The outcome of reading configuration: settings when every key is right, otherwise what is wrong. */
public record SettingsReport(Optional<Settings> settings, List<ConfigProblem> problems) {
    public SettingsReport {
        problems = List.copyOf(problems);
        if (settings.isPresent() != problems.isEmpty()) {
            throw new IllegalArgumentException("settings exactly when there are no problems");
        }
    }
}
