package org.skillbroker.contract;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.skillbroker.it.BrokerEnvironment;

import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fails the test (or the class, for what its set-up sent) in which the broker sent Contact Center a request that
 * breaks Cisco's published structure, or the simulator answered outside it. Registered for every test through
 * JUnit's extension auto-detection (src/test/resources/META-INF/services), so no integration test can opt out.
 */
public final class ContractWatch implements AfterEachCallback, AfterAllCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        check();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        check();
    }

    private static void check() {
        java.util.stream.Stream.of(BrokerEnvironment.startedSimulator(),
                org.skillbroker.servers.Servers.startedSimulator()).flatMap(java.util.Optional::stream).forEach(sim -> {
            List<String> violations = sim.drainContractViolations();
            if (!violations.isEmpty()) {
                fail("Contact Center contract violated (" + violations.size() + "):\n  "
                        + String.join("\n  ", violations.stream().distinct().limit(20).toList()));
            }
        });
    }
}
