package org.skillbroker.simulator;

import java.util.List;
import java.util.Map;

/**
 * Checks Contact Center requests and answers against Cisco's published structure. Installed on a simulator, it
 * sees every {@code /organization/...} request before it is handled (a violation is refused with 400 and Cisco's
 * error body, as Contact Center refuses what breaks its schema) and every answer the simulator gives; every
 * violation is kept for the tests to fail on ({@link WebexSimulator#drainContractViolations()}).
 */
public interface ContractCheck {

    /** @return violations, each naming the operation and the field; empty when the request is as documented */
    List<String> request(String method, String path, Map<String, String> query, String body);

    /** @return violations of the answer, each naming the operation and the field */
    List<String> response(String method, String path, int status, String body);
}
