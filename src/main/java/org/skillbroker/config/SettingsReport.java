package org.skillbroker.config;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of reading configuration: settings when every key is right, otherwise what is wrong.
 *
 * @param metricsToken {@code skillbroker.metrics.token} even when other keys are wrong: it lets the operator's
 *                     monitoring read what is wrong on /health, which anonymous callers do not see
 */
public record SettingsReport(Optional<Settings> settings, List<ConfigProblem> problems, Optional<Secret> metricsToken) {
    public SettingsReport(Optional<Settings> settings, List<ConfigProblem> problems) {
        this(settings, problems, settings.flatMap(s -> s.metrics().bearerToken()));
    }

    public SettingsReport {
        problems = List.copyOf(problems);
        if (settings.isPresent() != problems.isEmpty()) {
            throw new IllegalArgumentException("settings exactly when there are no problems");
        }
    }
}
