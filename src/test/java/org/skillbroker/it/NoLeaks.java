package org.skillbroker.it;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * After each integration-test class: no token, code, client secret or store key that exists in this run appears
 * in anything logged or in any response body or header the tests received.
 */
public final class NoLeaks implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) {
        List<String> leaked = LeakWatch.leaked(BrokerEnvironment.secrets());
        assertEquals(List.of(), leaked, "secrets leaked into logs or responses");
    }
}
