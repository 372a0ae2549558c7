package org.skillbroker.setup;

import org.skillbroker.alert.AlertWatch;
import org.skillbroker.audit.EventHistory;
import org.skillbroker.token.AdminCalls;
import org.skillbroker.token.Administrator;
import org.skillbroker.token.Grant;
import org.skillbroker.token.GrantUnavailableException;
import org.skillbroker.token.RefreshOutcome;
import org.skillbroker.token.TokenRefresher;
import org.skillbroker.webex.SkillProfilesClient;
import org.skillbroker.webex.WebexException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The status page's buttons: refresh now, test the connection, send a test alert. Each one is recorded in the
 * event history with who pressed it and what came of it. A pressed button costs at most one Webex call, and a
 * refresh at most one per {@link #REFRESH_SPACING} whoever presses.
 */
public final class OperatorActions {

    static final Duration REFRESH_SPACING = Duration.ofSeconds(10);

    private final TokenRefresher refresher;
    private final AdminCalls adminCalls;
    private final SkillProfilesClient profiles;
    private final AlertWatch alerts;
    private final EventHistory events;
    private final String orgId;
    private final Clock clock;
    private volatile Instant lastManualRefresh = Instant.MIN;

    public OperatorActions(TokenRefresher refresher, AdminCalls adminCalls, SkillProfilesClient profiles,
                           AlertWatch alerts, EventHistory events, String orgId, Clock clock) {
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.adminCalls = Objects.requireNonNull(adminCalls, "adminCalls");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.events = Objects.requireNonNull(events, "events");
        this.orgId = Objects.requireNonNull(orgId, "orgId");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return true when the grant was refreshed (or another node just did) */
    public synchronized boolean refreshNow(Administrator by) {
        Instant now = clock.instant();
        Optional<Grant> grant = refresher.grant();
        String outcome;
        boolean ok;
        if (grant.isEmpty()) {
            outcome = "no grant to refresh";
            ok = false;
        } else if (now.isBefore(lastManualRefresh.plus(REFRESH_SPACING))) {
            outcome = "not refreshed: refreshed by hand less than " + REFRESH_SPACING.toSeconds() + " s ago";
            ok = true;
        } else {
            lastManualRefresh = now;
            // "rejected" by the operator: refreshes unless another thread replaced this very token meanwhile
            RefreshOutcome result = refresher.refreshAfterRejection(grant.get().tokens().accessToken());
            ok = result instanceof RefreshOutcome.Refreshed || result instanceof RefreshOutcome.RefreshedElsewhere;
            outcome = result.describe();
        }
        events.record("refresh requested", by.email(), outcome);
        return ok;
    }

    /** One harmless Contact Center read with the grant: the first skill profile. */
    public boolean testConnection(Administrator by) {
        long started = System.nanoTime();
        String outcome;
        boolean ok;
        try {
            adminCalls.read(token -> profiles.list(token, orgId, "", 0, 1));
            ok = true;
            outcome = "Contact Center answered in " + (System.nanoTime() - started) / 1_000_000 + " ms";
        } catch (WebexException e) {
            ok = false;
            outcome = "failed: " + (e.status() == 0 ? e.getMessage() : "Contact Center answered " + e.status())
                    + e.trackingId().map(id -> " (trackingId " + id + ")").orElse("");
        } catch (GrantUnavailableException e) {
            ok = false;
            outcome = "failed: " + e.getMessage();
        }
        events.record("connection tested", by.email(), outcome);
        return ok;
    }

    /** @return false when no channel is configured */
    public boolean sendTestAlert(Administrator by) {
        if (!alerts.delivery().hasChannels()) {
            events.record("test alert", by.email(), "no alert channel is configured");
            return false;
        }
        alerts.sendTest(by.email());
        events.record("test alert", by.email(), "queued on " + alerts.delivery().status().size() + " channel(s)");
        return true;
    }
}
