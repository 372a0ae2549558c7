package org.skillbroker.metrics;

import org.skillbroker.caller.ExpiringCache;
import org.skillbroker.caller.RateLimits;
import org.skillbroker.token.Grant;
import org.skillbroker.token.GrantKeeper;
import org.skillbroker.token.TokenRefresher;
import org.skillbroker.webex.WebexHttp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/** The broker's series, named once here: requests, upstream calls, refreshes, expiries, caches, rate limits. */
public final class BrokerMetrics implements WebexHttp.Observer {

    private final Metrics metrics = new Metrics();
    private final Metrics.Counter requests = metrics.counter("skillbroker_requests_total",
            "Requests answered by the broker, by route, method and status.", "route", "method", "status");
    private final Metrics.Histogram requestSeconds = metrics.histogram("skillbroker_request_duration_seconds",
            "Time to answer a request, by route and method.", "route", "method");
    private final Metrics.Counter upstream = metrics.counter("skillbroker_upstream_requests_total",
            "Calls to Webex by method, endpoint and status (0: no answer).", "method", "endpoint", "status");
    private final Metrics.Histogram upstreamSeconds = metrics.histogram("skillbroker_upstream_duration_seconds",
            "Time Webex took to answer, by method and endpoint.", "method", "endpoint");

    private final Metrics.Counter unidentified = metrics.counter("skillbroker_unidentified_changes_total",
            "Change requests refused before the caller was known (no audit line is written for them), by problem.",
            "problem");

    /** A change request refused before its caller was identified. */
    public void unidentified(String problem) {
        unidentified.inc(problem);
    }

    public Metrics metrics() {
        return metrics;
    }

    public void record(String route, String method, int status, double seconds) {
        requests.inc(route, method, Integer.toString(status));
        requestSeconds.observe(seconds, route, method);
    }

    @Override
    public void called(String method, String endpoint, int status, double seconds) {
        upstream.inc(method, endpoint, Integer.toString(status));
        upstreamSeconds.observe(seconds, method, endpoint);
    }

    /** Series read from the parts that keep their own counts. */
    public void watch(TokenRefresher refresher, GrantKeeper keeper, Clock clock, RateLimits limits,
                      org.skillbroker.caller.AddressLimits addresses, Map<String, ExpiringCache<?, ?>> caches) {
        metrics.sampledCounter("skillbroker_rate_limit_rejections_total{scope=\"address\"}",
                "Requests the broker refused with 429 before calling Webex.", addresses::rejections);
        metrics.sampledCounter("skillbroker_refresh_attempts_total", "Refresh grants sent to Webex.", refresher::attempts);
        metrics.sampledCounter("skillbroker_refresh_successes_total", "Refreshes that stored new tokens.", refresher::successes);
        metrics.sampledCounter("skillbroker_refresh_failures_total", "Refreshes that failed (retried with backoff or needing re-authorisation).", refresher::failures);
        metrics.gauge("skillbroker_access_token_expiry_seconds", "Seconds until the admin access token expires.",
                () -> secondsUntil(keeper, clock, g -> g.tokens().accessTokenExpiresAt()));
        metrics.gauge("skillbroker_refresh_token_expiry_seconds", "Seconds until the admin refresh token expires.",
                () -> secondsUntil(keeper, clock, g -> g.tokens().refreshTokenExpiresAt()));
        metrics.sampledCounter("skillbroker_rate_limit_rejections_total{scope=\"caller\"}",
                "Requests the broker refused with 429 before calling Webex.", limits::perCallerRejections);
        metrics.sampledCounter("skillbroker_rate_limit_rejections_total{scope=\"global\"}",
                "Requests the broker refused with 429 before calling Webex.", limits::globalRejections);
        caches.forEach((name, cache) -> {
            metrics.sampledCounter("skillbroker_cache_requests_total{cache=\"" + name + "\",result=\"hit\"}",
                    "Cache lookups by cache and result.", cache::hits);
            metrics.sampledCounter("skillbroker_cache_requests_total{cache=\"" + name + "\",result=\"miss\"}",
                    "Cache lookups by cache and result.", cache::misses);
        });
    }

    /** The Contact Center budget all nodes share: how much of the window is used, and what this node held back. */
    public void watch(org.skillbroker.budget.UpstreamGate gate) {
        metrics.gauge("skillbroker_cc_budget_used_calls", "Contact Center calls all nodes took in the budget's "
                + "current window (skillbroker.cc.budget); read from the shared store.", gate::usedInWindow);
        metrics.gauge("skillbroker_cc_budget_limit_calls", "Contact Center calls all nodes may take per window.",
                gate::limit);
        metrics.sampledCounter("skillbroker_cc_budget_held_back_total", "Contact Center calls this node did not make "
                + "because the budget was spent or Contact Center had answered 429 (callers got 503).",
                gate::heldBack);
    }

    /** The audit trail's writing: whether the logger's copy and the store's fsync keep up (back-pressure). */
    public void watch(org.skillbroker.audit.AuditTrail audit) {
        metrics.gauge("skillbroker_audit_logger_queued", "Audit lines waiting for the logger's thread "
                + "(grows while the console stalls; requests never wait for it).", audit::loggerQueued);
        metrics.sampledCounter("skillbroker_audit_logger_dropped_total", "Audit lines the logger did not get because "
                + "its queue was full (the audit store has every line).", audit::loggerDropped);
        metrics.sampledCounter("skillbroker_audit_lines_total", "Audit lines this node wrote to the audit file.",
                () -> audit.syncCounts().lines());
        metrics.gauge("skillbroker_audit_unsynced_lines", "Audit lines written but not yet fsynced.",
                () -> audit.syncCounts().unsynced());
        metrics.sampledCounter("skillbroker_audit_fsyncs_total", "Group fsyncs of the audit file.",
                () -> audit.syncCounts().fsyncs());
        metrics.sampledCounter("skillbroker_audit_backpressure_waits_total", "Audit appends held back because "
                + "fsync fell more than 1000 lines behind (a stalled disk).", () -> audit.syncCounts().waits());
    }

    private static double secondsUntil(GrantKeeper keeper, Clock clock, Function<Grant, Instant> expiry) {
        return keeper.current().map(g -> (double) Duration.between(clock.instant(), expiry.apply(g)).toSeconds())
                .orElse(Double.NaN);
    }
}
