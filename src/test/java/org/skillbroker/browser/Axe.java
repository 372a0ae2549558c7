package org.skillbroker.browser;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.WebDriver;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * axe-core inside the page as it is now (open shadow roots included): every rule, every impact. A state the tests
 * reach must have no violation at all; the message names each rule, its impact and the offending elements.
 */
final class Axe {

    private Axe() {
    }

    static void assertNoViolations(WebDriver driver, String state) {
        Results results = new AxeBuilder().analyze(driver);
        if (results.isErrored()) {
            fail(state + ": axe-core could not run: " + results.getErrorMessage());
        }
        List<Rule> violations = results.getViolations();
        assertTrue(results.getPasses().size() > 10, state + ": axe-core checked too little to be believed");
        assertTrue(violations.isEmpty(), state + ": " + violations.size() + " accessibility violation(s):\n"
                + violations.stream().map(Axe::describe).collect(Collectors.joining("\n")));
    }

    private static String describe(Rule rule) {
        return "  " + rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + "\n" + rule.getNodes().stream()
                .map(Axe::describe).collect(Collectors.joining("\n"));
    }

    private static String describe(CheckedNode node) {
        String html = node.getHtml() == null ? "" : node.getHtml();
        return "    " + node.getTarget() + " " + (html.length() > 160 ? html.substring(0, 160) + "…" : html)
                + "\n      " + String.valueOf(node.getFailureSummary()).replace("\n", " ");
    }
}
