package org.skillbroker.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A broker deployed with missing and malformed settings still deploys and says exactly what is wrong. */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class MisconfiguredIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = new HashMap<>();
        settings.put("skillbroker.webex.client-id", null);
        settings.put("skillbroker.webex.datacenter", "mars1");
        BrokerEnvironment.configure(settings);
        System.clearProperty("skillbroker.webex.client-id");
        return BrokerEnvironment.war();
    }

    @Test
    void setupNamesEveryWrongKey() {
        WebClient.Reply page = new WebClient().get(BrokerEnvironment.BASE + "/setup", "Accept", "text/html");

        assertEquals(503, page.status());
        assertTrue(page.body().contains("skillbroker.webex.client-id"), page.body());
        assertTrue(page.body().contains("skillbroker.webex.datacenter"), page.body());
        assertFalse(page.body().contains("us1, eu1, eu2"), "what is wrong with each key: in the log and on /health");
        assertFalse(page.body().contains(BrokerEnvironment.CLIENT_SECRET));
    }

    @Test
    void healthIsDownAndNamesTheKeys() {
        Health health = Health.read();

        assertEquals(503, health.httpStatus());
        assertEquals("DOWN", health.status());
        assertTrue(health.data("configuration", "skillbroker.webex.client-id").contains("missing"));
        assertTrue(health.data("configuration", "skillbroker.webex.datacenter").contains("malformed"));
        assertTrue(health.data("configuration", "skillbroker.webex.datacenter").contains("us1, eu1, eu2"),
                "says what would be right, to the operator's monitoring (the metrics token)");
        WebClient.Reply anonymous = new WebClient().get(BrokerEnvironment.BASE + "/health");
        assertEquals(503, anonymous.status());
        assertFalse(anonymous.body().contains("skillbroker.webex"), "no configuration text for anonymous callers: "
                + anonymous.body());
    }

    @Test
    void nothingHalfWorks() {
        WebClient.Reply callback = new WebClient().get(BrokerEnvironment.BASE + "/oauth/callback?state=a&code=b");

        assertEquals(503, callback.status());
        assertTrue(callback.contentType().startsWith("application/problem+json"));
    }
}
