package org.skillbroker.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The README's table of Contact Center calls per user action and the benchmark's targets are one thing: every
 * action the benchmark measures has its row in the README, under the same name, whose cell for those caches starts
 * with the same totals ("2 integration + 1 caller") and names every endpoint the target counts.
 */
class CallsReadmeTest {

    @Test
    void everyTargetOfTheBenchmarkIsTheReadmesRow() throws IOException {
        List<String> problems = disagreements(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8));
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    @Test
    void aRowThatSaysOneCallTooFewOrForgetsAnEndpointIsCaught() {
        String readme = "### Contact Center calls per user action\n\n| action | cold caches | warm caches |\n"
                + "|---|---|---|\n| " + CallsPerAction.CHANGE + " | | 1 integration + 0 caller (`skill-profile/{id}`) |\n"
                + "| " + CallsPerAction.UNDO + " | | 2 integration + 0 caller (GET and PUT) |\n";
        List<String> problems = disagreements(readme);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(CallsPerAction.CHANGE + " (")
                && p.contains("2 integration + 0 caller")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(CallsPerAction.UNDO + " (")
                && p.contains("does not name `skill-profile/{id}`")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.equals("no README row named \"" + CallsPerAction.HISTORY + "\"")),
                problems.toString());
    }

    static List<String> disagreements(String readme) {
        List<String[]> rows = table(readme);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Map<String, Integer>> t : CallsPerAction.TARGETS.entrySet()) {
            String action = t.getKey().substring(0, t.getKey().indexOf('|'));
            String caches = t.getKey().substring(t.getKey().indexOf('|') + 1);
            String[] row = rows.stream().filter(r -> r[0].equals(action)).findFirst().orElse(null);
            if (row == null) {
                problems.add("no README row named \"" + action + "\"");
                continue;
            }
            String cell = row[caches.equals(CallsPerAction.COLD) ? 1 : 2];
            String totals = CallsTable.total(t.getValue());
            if (!cell.startsWith(totals)) {
                problems.add(action + " (" + caches + "): the README says \"" + cell + "\", the benchmark's target is "
                        + totals);
            }
            for (String key : t.getValue().keySet()) {
                if (!cell.contains("`" + readmeName(key) + "`")) {
                    problems.add(action + " (" + caches + "): the README does not name `" + readmeName(key) + "`");
                }
            }
        }
        return problems;
    }

    @Test
    void theReadmeNamesEndpointsWithoutClientMethodOrIds() {
        assertEquals("people/me", readmeName(CallsPerAction.PEOPLE_ME));
        assertEquals("user/by-ci-user-id", readmeName(CallsPerAction.WHO));
        assertEquals("v2/team", readmeName(CallsPerAction.TEAMS));
        assertEquals("v2/team", readmeName(CallsPerAction.TEAM_NAMES));
        assertEquals("supervisorView", readmeName(CallsPerAction.SUPERVISOR_VIEW));
        assertEquals("supervisorManagedAgentsOnly", readmeName(CallsPerAction.MANAGED_AGENTS));
        assertEquals("reskill", readmeName(CallsPerAction.RESKILL));
        assertEquals("skill-profile/{id}", readmeName(CallsPerAction.PUT));
    }

    /** "integration GET v2/team?filter" → "v2/team"; a query flag names itself; "user/{id}/reskill" → "reskill". */
    static String readmeName(String key) {
        String endpoint = key.substring(key.indexOf(' ', key.indexOf(' ') + 1) + 1);
        if (endpoint.contains("?") && !endpoint.endsWith("?filter")) {
            return endpoint.substring(endpoint.indexOf('?') + 1);
        }
        endpoint = endpoint.replace("?filter", "").replaceFirst("^/v1/", "");
        if (endpoint.endsWith("/reskill")) {
            return "reskill";
        }
        return endpoint.replace("/by-ci-user-id/{id}", "/by-ci-user-id");
    }

    /** The rows (cells trimmed) of the table under "### Contact Center calls per user action". */
    static List<String[]> table(String readme) {
        int start = readme.indexOf("### Contact Center calls per user action");
        assertTrue(start >= 0, "the README has no section \"Contact Center calls per user action\"");
        int end = readme.indexOf("\n#", start + 10);
        List<String[]> rows = new ArrayList<>();
        for (String line : readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
            if (line.startsWith("| ") && !line.startsWith("| action ")) {
                // cells between unescaped pipes (a cell may hold `a\\|b`)
                String[] cells = line.substring(1, line.length() - (line.endsWith("|") ? 1 : 0))
                        .split("(?<!\\\\)\\|", -1);
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].trim();
                }
                if (cells.length >= 3) {
                    rows.add(cells);
                }
            }
        }
        return rows;
    }
}
