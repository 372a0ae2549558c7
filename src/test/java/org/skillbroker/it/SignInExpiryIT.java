package org.skillbroker.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sign-in's state expires: with a lifetime of one millisecond every callback comes too late, however
 * correct its state, code and PKCE verifier, and nothing is stored.
 */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class SignInExpiryIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        BrokerEnvironment.configure(Map.of("skillbroker.setup.state-ttl", "PT0.001S"));
        return BrokerEnvironment.war();
    }

    @Test
    void aCallbackAfterTheStatesLifetimeIsRefused() {
        AdminFlow admin = new AdminFlow(BrokerEnvironment.BASE);
        WebClient.Reply late = admin.connectAs("admin");

        assertEquals(400, late.status(), late.body());
        assertTrue(late.body().contains("Sign-in took too long"), late.body());
        assertFalse(StoredState.hasGrant(), "nothing stored");
    }
}
