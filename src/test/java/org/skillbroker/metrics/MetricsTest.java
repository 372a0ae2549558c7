package org.skillbroker.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsTest {

    @Test
    void countersAndGaugesAreWrittenInPrometheusTextFormat() {
        Metrics metrics = new Metrics();
        Metrics.Counter requests = metrics.counter("skillbroker_requests_total", "Requests.", "route", "status");
        requests.inc("/health", "200");
        requests.inc("/health", "200");
        requests.inc("/api/skill-profiles/{id}", "404");
        metrics.gauge("skillbroker_access_token_expiry_seconds", "Seconds left.", () -> 42.5);

        String text = metrics.scrape();

        assertTrue(text.contains("# TYPE skillbroker_requests_total counter\n"), text);
        assertTrue(text.contains("skillbroker_requests_total{route=\"/health\",status=\"200\"} 2\n"), text);
        assertTrue(text.contains("skillbroker_requests_total{route=\"/api/skill-profiles/{id}\",status=\"404\"} 1\n"), text);
        assertTrue(text.contains("skillbroker_access_token_expiry_seconds 42.5\n"), text);
        assertEquals(2, requests.get("/health", "200"));
    }

    @Test
    void histogramBucketsAreCumulative() {
        Metrics metrics = new Metrics();
        Metrics.Histogram latency = metrics.histogram("skillbroker_latency_seconds", "Latency.", "route");
        latency.observe(0.0009, "/x");
        latency.observe(0.003, "/x");
        latency.observe(20, "/x");

        String text = metrics.scrape();

        assertTrue(text.contains("skillbroker_latency_seconds_bucket{route=\"/x\",le=\"0.001\"} 1\n"), text);
        assertTrue(text.contains("skillbroker_latency_seconds_bucket{route=\"/x\",le=\"0.005\"} 2\n"), text);
        assertTrue(text.contains("skillbroker_latency_seconds_bucket{route=\"/x\",le=\"10\"} 2\n"), text);
        assertTrue(text.contains("skillbroker_latency_seconds_bucket{route=\"/x\",le=\"+Inf\"} 3\n"), text);
        assertTrue(text.contains("skillbroker_latency_seconds_count{route=\"/x\"} 3\n"), text);
    }

    @Test
    void wrongNumberOfLabelsIsAProgrammingError() {
        Metrics.Counter counter = new Metrics().counter("c_total", "C.", "a");
        assertThrows(IllegalArgumentException.class, () -> counter.inc("x", "y"));
    }
}
