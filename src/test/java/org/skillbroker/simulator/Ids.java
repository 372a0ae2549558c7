package org.skillbroker.simulator;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Identifier helpers: random secrets, deterministic seed ids and the base64 ids of the Webex REST API. */
final class Ids {

    /** CI cluster tag embedded in codes and tokens (webex-api.md §1.7 shows PF84 and P0A1). */
    static final String CLUSTER = "PF84";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /**
     * A token-shaped secret {@code <random>_<cluster>_<orgUuid>} (webex-api.md §1.7). The random part is 32
     * bytes of base64url, with '_' mapped to '-' because '_' is the field separator clients split on.
     */
    static String token(String orgUuid) {
        return randomPart() + "_" + CLUSTER + "_" + orgUuid;
    }

    static String randomPart() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replace('_', '-');
    }

    /** Seed ids are stable across runs so that tests, the demo and humans can refer to them. */
    static String seedUuid(String name) {
        return UUID.nameUUIDFromBytes(("skill-broker-sim:" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String randomUuid() {
        return UUID.randomUUID().toString();
    }

    /** Webex REST ids are base64 of {@code ciscospark://us/<TYPE>/<uuid>} (webex-api.md §4.2), unpadded. */
    static String restId(String type, String uuid) {
        return Base64.getEncoder().withoutPadding()
                .encodeToString(("ciscospark://us/" + type + "/" + uuid).getBytes(StandardCharsets.UTF_8));
    }

    static String routerTrackingId() {
        return "ROUTER_" + UUID.randomUUID();
    }

    static String ccTrackingId() {
        return "ccconfig_" + UUID.randomUUID();
    }
}
