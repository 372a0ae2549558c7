package org.skillbroker.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.skillbroker.simulator.WebexSimulator;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /metrics}: what an operator's Prometheus sees, and who may see it. */
@ExtendWith({ArquillianExtension.class, NoLeaks.class})
class MetricsIT {

    private static final String SCRAPE_TOKEN = "metrics-scrape-token-for-tests";

    @Deployment(testable = false)
    static WebArchive deployment() {
        // Loopback is not in the list: the tests reach the broker over 127.0.0.1, so only the token lets them in.
        BrokerEnvironment.configure(Map.of("skillbroker.metrics.allowed-addresses", "10.0.0.0/8",
                "skillbroker.metrics.token", SCRAPE_TOKEN));
        return BrokerEnvironment.war();
    }

    private final WebexSimulator sim = BrokerEnvironment.simulator();

    private static WebClient.Reply scrape(String... headers) {
        return new WebClient().get(BrokerEnvironment.BASE + "/metrics", headers);
    }

    private static long value(String text, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\d+)$", Pattern.MULTILINE).matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    @Test
    void onlyConfiguredAddressesOrTheTokenMayScrape() {
        WebClient.Reply refused = scrape();
        WebClient.Reply wrong = scrape("Authorization", "Bearer guess");
        WebClient.Reply allowed = scrape("Authorization", "Bearer " + SCRAPE_TOKEN);

        assertEquals(403, refused.status());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        assertEquals(403, wrong.status());
        assertEquals(200, allowed.status());
        assertTrue(allowed.contentType().startsWith("text/plain") && allowed.contentType().contains("version=0.0.4"), allowed.contentType());
    }

    @Test
    void aChangeShowsUpAsRequestsUpstreamCallsCachesAndExpiries() {
        new AdminFlow(BrokerEnvironment.BASE).connectAs("admin");
        ApiClient api = new ApiClient();
        String token = sim.issueDesktopToken(sim.supervisor());
        String profile = sim.seededProfiles().germanSpeaker();
        String german = sim.seededSkills().get("German");
        assertEquals(200, api.patch(profile, token, ApiClient.change(german, 6)).status());
        assertEquals(200, api.patch(profile, token, ApiClient.change(german, 7)).status());
        assertEquals(401, api.get("", "not-a-token").status());

        String text = scrape("Authorization", "Bearer " + SCRAPE_TOKEN).body();

        assertEquals(2, value(text, "skillbroker_requests_total{route=\"/api/skill-profiles/{id}\",method=\"PATCH\",status=\"200\"}"), text);
        assertTrue(text.contains("# TYPE skillbroker_request_duration_seconds histogram"));
        assertTrue(value(text, "skillbroker_upstream_requests_total{method=\"PUT\",endpoint=\"/organization/{id}/skill-profile/{id}\",status=\"200\"}") >= 2, text);
        assertTrue(value(text, "skillbroker_cache_requests_total{cache=\"identity\",result=\"hit\"}") >= 1, text);
        assertTrue(value(text, "skillbroker_access_token_expiry_seconds") > 40000, text);
        assertTrue(value(text, "skillbroker_refresh_token_expiry_seconds") > 86400, text);
        assertTrue(text.contains("skillbroker_refresh_attempts_total "));
        assertTrue(text.contains("skillbroker_rate_limit_rejections_total{scope=\"caller\"} 0"));
        assertFalse(text.contains(token), "no token in metrics");
    }
}
