package org.skillbroker.health;

import org.skillbroker.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.skillbroker.Broker;
import org.skillbroker.config.ConfigProblem;
import org.skillbroker.metrics.MetricsServlet;
import org.skillbroker.setup.SetupServlet;
import org.skillbroker.token.Grant;
import org.skillbroker.token.GrantStatus;
import org.skillbroker.token.RefreshStatus;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /health} in the shape of MicroProfile Health: {@code {"status":"UP|DOWN","checks":[...]}}, 200 when
 * UP and 503 when DOWN, so a load balancer can use it as is. Facts only; no token, no secret. Anonymous callers get
 * the status and the checks' names and states; their data only a signed-in admin or the metrics token.
 */
public final class HealthServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Broker broker = Broker.from(getServletContext());
        JsonObject report = report(broker);
        if (!insider(request, broker)) {
            report = outline(report);
        }
        response.setStatus("UP".equals(report.getString("status")) ? 200 : 503);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(report.toString());
    }

    /** A signed-in admin or a scraper with the metrics token sees the details; anyone else only the outline. */
    private static boolean insider(HttpServletRequest request, Broker broker) {
        return SetupServlet.signedInAdmin(request).isPresent() || MetricsServlet.tokenPresented(request, broker.metricsToken());
    }

    /**
     * Status and check names only: enough for a load balancer and an uptime probe, nothing about the org, the
     * store, the key, the admin or Webex's tracking ids.
     */
    static JsonObject outline(JsonObject report) {
        JsonArrayBuilder checks = Jsonp.createArrayBuilder();
        for (JsonObject check : report.getJsonArray("checks").getValuesAs(JsonObject.class)) {
            checks.add(Jsonp.createObjectBuilder().add("name", check.getString("name"))
                    .add("status", check.getString("status")));
        }
        return Jsonp.createObjectBuilder().add("status", report.getString("status")).add("checks", checks).build();
    }

    static JsonObject report(Broker broker) {
        JsonArrayBuilder checks = Jsonp.createArrayBuilder();
        boolean up = true;
        if (broker.running().isEmpty()) {
            JsonObjectBuilder data = Jsonp.createObjectBuilder();
            for (ConfigProblem problem : broker.problems()) {
                data.add(problem.key(), problem.message());
            }
            checks.add(check("configuration", false, data));
            return Jsonp.createObjectBuilder().add("status", "DOWN").add("checks", checks).build();
        }
        Broker.Running running = broker.running().get();
        running.keeper().reloadIfChanged(); // another node may have connected, refreshed or disconnected
        Instant now = broker.clock().instant();
        checks.add(check("configuration", true, Jsonp.createObjectBuilder()
                .add("datacenter", running.settings().webex().datacenter().id())
                .add("orgId", running.settings().webex().orgId())));

        JsonObjectBuilder store = Jsonp.createObjectBuilder().add("store", running.state().description())
                .add("location", running.keeper().location())
                .add("keyId", running.keyring().primaryKeyId());
        running.keeper().unreadable().ifPresent(why -> store.add("error", "store unreadable: " + why));
        running.keeper().writeFailure().ifPresent(why -> store.add("writeError", why));
        // a database outage: reads go on from the cached grant while it is valid, writes answer 503
        running.state().outage().ifPresent(why -> store.add("outage", why));
        boolean storeReadable = running.keeper().unreadable().isEmpty() && running.state().outage().isEmpty();
        up &= storeReadable;
        checks.add(check("token-store", storeReadable, store));

        Optional<Grant> grant = running.keeper().current();
        RefreshStatus refresh = running.refresher().status();
        JsonObjectBuilder grantData = Jsonp.createObjectBuilder();
        boolean grantUp = false;
        if (grant.isEmpty()) {
            grantData.add("state", "not connected");
        } else {
            Grant g = grant.get();
            boolean valid = g.tokens().accessTokenValidAt(now);
            boolean active = g.status() == GrantStatus.ACTIVE;
            grantUp = valid && active;
            grantData.add("state", !active ? "re-authorisation required" : valid ? "connected" : "access token expired")
                    .add("accessTokenExpiresAt", g.tokens().accessTokenExpiresAt().toString())
                    .add("refreshTokenExpiresAt", g.tokens().refreshTokenExpiresAt().toString())
                    .add("authorizedBy", g.authorizedBy().email())
                    .add("mode", g.serviceApp() ? "service-app" : "admin-grant");
            refresh.lastOutcome().ifPresent(o -> grantData.add("lastRefresh", o.describe()));
            refresh.nextAttemptAt().ifPresent(t -> grantData.add("nextRefreshAt", t.toString()));
            grantData.add("consecutiveRefreshFailures", refresh.consecutiveFailures());
        }
        up &= grantUp;
        checks.add(check("admin-grant", grantUp, grantData));

        // Contact Center refused the admin grant (403): only an operator can fix that, by reconnecting with an
        // account and scopes that may read and write skill profiles.
        JsonObjectBuilder permission = Jsonp.createObjectBuilder();
        boolean permitted = running.adminCalls().lastRefusal().isEmpty();
        running.adminCalls().lastRefusal().ifPresent(refusal -> permission
                .add("message", "Webex Contact Center refused the admin grant (403): reconnect at /setup with an "
                        + "administrator who may " + (refusal.write() ? "change" : "read") + " skill profiles")
                .add("refusedAt", refusal.at().toString())
                .add("trackingId", refusal.trackingId()));
        up &= permitted;
        checks.add(check("admin-permission", permitted, permission));

        if (grant.isPresent()) {
            // The administrator who connected no longer qualifies: writes are stopped, so the broker is not healthy
            // for its purpose even though reads still work.
            Grant g = grant.get();
            JsonObjectBuilder recheck = Jsonp.createObjectBuilder();
            if (g.adminCheck() != null) {
                recheck.add("checkedAt", g.adminCheck().checkedAt().toString())
                        .add("qualified", g.adminCheck().qualified());
                if (g.adminDisqualified()) {
                    recheck.add("message", "Changes are stopped: " + g.authorizedBy().email() + ", who connected the "
                            + "broker, " + g.adminCheck().reason() + ". An administrator must reconnect at /setup");
                }
            }
            running.adminRecheck().nextCheckAt().ifPresent(t -> recheck.add("nextCheckAt", t.toString()));
            running.adminRecheck().lastFailure().ifPresent(why -> recheck.add("lastAttemptFailed", why));
            up &= !g.adminDisqualified();
            checks.add(check("admin-recheck", !g.adminDisqualified(), recheck));
        }

        if (grant.isPresent()) {
            Instant expiresAt = grant.get().tokens().refreshTokenExpiresAt();
            boolean soon = running.policy().refreshTokenExpiresSoon(grant.get().tokens(), now);
            JsonObjectBuilder expiry = Jsonp.createObjectBuilder()
                    .add("refreshTokenExpiresAt", expiresAt.toString())
                    .add("daysLeft", Math.max(0, Duration.between(now, expiresAt).toDays()))
                    .add("warning", soon);
            if (soon) {
                expiry.add("message", "The admin grant expires soon: an administrator must reconnect at /setup");
            }
            // A warning, not an outage: the broker still works until the refresh token expires.
            checks.add(check("refresh-token-expiry", now.isBefore(expiresAt), expiry));
        }
        checks.add(timedReverts(running));
        return Jsonp.createObjectBuilder().add("status", up ? "UP" : "DOWN").add("checks", checks).build();
    }

    /**
     * Pending timed reverts, and a warning when one is overdue (still pending {@code skillbroker.reverts.overdue-after}
     * after its time: Webex refused it, or no node ran it). A warning, not an outage: the broker still serves, and
     * taking a node out of the balancer would not get the revert done.
     */
    private static JsonObject timedReverts(Broker.Running running) {
        JsonObjectBuilder data = Jsonp.createObjectBuilder();
        try {
            List<org.skillbroker.changes.PendingChange> pending = running.changes().pendingAll();
            List<org.skillbroker.changes.PendingChange> overdue = running.changes().overdue(pending);
            data.add("pending", pending.size()).add("overdue", overdue.size()).add("warning", !overdue.isEmpty());
            if (!overdue.isEmpty()) {
                data.add("oldestOverdueDueAt", overdue.get(0).dueAt().toString())
                        .add("message", overdue.size() + " timed change(s) not reverted in time; see /setup and the "
                                + "server log (skillbroker_reverts_total{outcome=\"failed\"})");
            }
        } catch (org.skillbroker.state.StoreUnavailableException e) {
            data.add("warning", true).add("message", "pending reverts unreadable: the store is unavailable");
        }
        return check("timed-reverts", true, data);
    }

    private static JsonObject check(String name, boolean up, JsonObjectBuilder data) {
        return Jsonp.createObjectBuilder().add("name", name).add("status", up ? "UP" : "DOWN").add("data", data).build();
    }
}
