package org.skillbroker.setup;

import org.skillbroker.Broker;
import org.skillbroker.audit.AuditEntry;
import org.skillbroker.config.ConfigProblem;
import org.skillbroker.token.Administrator;
import org.skillbroker.token.Grant;
import org.skillbroker.token.GrantStatus;
import org.skillbroker.token.RefreshStatus;
import org.skillbroker.web.Html;
import org.skillbroker.widget.LayoutSnippet;

import java.net.URI;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/** Renders the admin pages. Shows the grant's facts, never a token. */
final class StatusPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private StatusPage() {
    }

    static String misconfigured(String contextPath, List<ConfigProblem> problems) {
        StringBuilder items = new StringBuilder();
        for (ConfigProblem problem : problems) {
            items.append("<li><code>").append(Html.escape(problem.key())).append("</code> ")
                    .append(Html.escape(problem.message())).append("</li>");
        }
        return Html.page(contextPath, "Configuration needed",
                "<div class=\"card\"><h1>Configuration needed</h1>"
                        + "<p class=\"state state-down\" id=\"state\">Not configured</p>"
                        + "<p>The broker is deployed but cannot work until these settings are fixed:</p>"
                        + "<ul id=\"problems\">" + items + "</ul>"
                        + "<p class=\"muted\">Set them as <code>&lt;Parameter&gt;</code>s in the web app's "
                        + "<code>context.xml</code>, as environment variables (<code>SKILLBROKER_…</code>) or "
                        + "system properties, then restart the web app. The README lists every key.</p></div>");
    }

    static String confirmDisconnect(String contextPath, String csrf) {
        return Html.page(contextPath, "Disconnect",
                "<div class=\"card\"><h1>Disconnect from Webex?</h1>"
                        + "<p>The stored admin grant will be deleted. Supervisors cannot change skills until an "
                        + "administrator connects again.</p>"
                        + "<form method=\"post\" action=\"" + Html.escape(contextPath) + "/setup/disconnect\">"
                        + csrfField(csrf) + "<input type=\"hidden\" name=\"confirm\" value=\"yes\">"
                        + "<button class=\"danger\" id=\"confirm-disconnect\" type=\"submit\">Delete the grant</button> "
                        + "<a class=\"button secondary\" href=\"" + Html.escape(contextPath) + "/setup\">Cancel</a>"
                        + "</form></div>");
    }

    /** Which store holds the shared state, and whether it can be reached: for signed-in admins only. */
    private static String storeNote(Broker.Running running) {
        String note = "<p class=\"muted\" id=\"store-in-use\">Shared state (grant, leases, pending reverts, audit, "
                + "call budget): " + Html.escape(running.state().description()) + ".</p>";
        return running.state().outage().map(why -> banner("warning", "Shared store unavailable",
                "Reads go on with the cached admin token while it is valid; changes are refused with 503 until the "
                        + "store is back: " + why + ".")).orElse("") + note;
    }

    static String render(String contextPath, String csrf, Optional<Administrator> admin, Broker.Running running,
                         Instant now, Optional<String> done, URI publicUrl) {
        Optional<Grant> grant = running.keeper().current();
        StringBuilder body = new StringBuilder("<div class=\"card\"><h1>Webex connection</h1>");
        done.map(StatusPage::notice).ifPresent(body::append);
        running.keeper().unreadable().ifPresent(why -> body.append(banner("danger", "Token store unreadable",
                why + ". The file was kept for inspection; check the key configuration, or connect again to "
                        + "write a new grant (the unreadable file is moved aside, never overwritten).")));
        running.keeper().writeFailure().ifPresent(why -> body.append(banner("warning", "Token store not writable",
                "The broker keeps serving with the grant in memory, but could not save it: " + why + ".")));
        body.append(stateLine(grant, running, now));
        if (admin.isEmpty()) {
            body.append(signedOut(contextPath, csrf, grant.isPresent() && SetupServlet.hasUsableGrant(running)));
        } else {
            grant.ifPresent(g -> body.append(details(g, running, now)));
            body.append(actions(contextPath, csrf, admin.get(), grant.isPresent()));
            body.append(storeNote(running));
            body.append(latestChanges(running.audit().latest()));
        }
        body.append("</div>");
        boolean widget = admin.isPresent() && SetupServlet.hasUsableGrant(running);
        if (widget) {
            body.append(widgetCard(contextPath, publicUrl));
        }
        return Html.page(contextPath, "Setup", body.toString(), widget ? "/assets/copy.js" : null);
    }

    /** The Desktop layout entry and where it goes; the copy button is /assets/copy.js (CSP: no inline script). */
    private static String widgetCard(String contextPath, URI publicUrl) {
        return "<section class=\"card\" id=\"widget\" aria-labelledby=\"widget-title\">"
                + "<h2 id=\"widget-title\">Add the Skills page to the Agent Desktop</h2>"
                + "<ol class=\"steps\">"
                + "<li>Copy the layout entry below.</li>"
                + "<li>In Control Hub open <strong>Contact Center → Desktop Layouts</strong>, download the layout JSON "
                + "of your supervisors' team and paste the entry into the <code>navigation</code> array of "
                + "<code>supervisor</code> (and of <code>supervisorAgent</code> if supervisors also take calls).</li>"
                + "<li>Upload the layout and assign it to the supervisors' teams. After their next sign-in the Desktop "
                + "shows a <strong>Skills</strong> page.</li></ol>"
                + "<p class=\"muted\">The widget is served by this broker at <code>"
                + Html.escape(publicUrl + "/widget/skill-editor-widget.js") + "</code>. Supervisors' browsers must "
                + "reach that address; set <code>skillbroker.public-url</code> if they know the broker by another name.</p>"
                + "<div class=\"snippet\"><div class=\"snippet-bar\"><span>Layout entry (JSON)</span>"
                + "<button type=\"button\" class=\"secondary\" id=\"copy-snippet\" data-copy=\"layout-snippet\" hidden>"
                + "Copy</button></div>"
                + "<pre id=\"layout-snippet\" tabindex=\"0\">" + Html.escape(LayoutSnippet.pretty(publicUrl)) + "</pre>"
                + "<p class=\"copy-status muted\" id=\"copy-status\" role=\"status\" aria-live=\"polite\"></p></div>"
                + "<p class=\"muted\">Also at <a href=\"" + Html.escape(contextPath) + "/widget/layout.json\">"
                + Html.escape(contextPath) + "/widget/layout.json</a>.</p>"
                + "</section>";
    }

    private static String stateLine(Optional<Grant> grant, Broker.Running running, Instant now) {
        if (grant.isEmpty()) {
            return "<p class=\"state state-down\" id=\"state\">Not connected</p>";
        }
        Grant g = grant.get();
        if (g.status() == GrantStatus.REAUTHORIZATION_REQUIRED) {
            return "<p class=\"state state-down\" id=\"state\">Re-authorisation required</p>"
                    + banner("danger", "Webex no longer accepts the stored grant",
                    (g.lastRefreshOutcome() == null ? "" : g.lastRefreshOutcome() + ". ")
                            + "An administrator must connect again.");
        }
        if (!g.tokens().accessTokenValidAt(now)) {
            return "<p class=\"state state-down\" id=\"state\">Access token expired</p>"
                    + banner("danger", "The admin access token has expired",
                    "Refreshing it keeps failing; see the last refresh below. Supervisors get errors until it works.");
        }
        if (running.policy().refreshTokenExpiresSoon(g.tokens(), now)) {
            long days = Math.max(0, Duration.between(now, g.tokens().refreshTokenExpiresAt()).toDays());
            return "<p class=\"state state-warn\" id=\"state\">Connected — action needed soon</p>"
                    + banner("warning", "The grant expires in " + days + " days",
                    "Webex will stop accepting the refresh token on " + TIME.format(g.tokens().refreshTokenExpiresAt())
                            + ". Sign in and reconnect before then.");
        }
        return "<p class=\"state state-up\" id=\"state\">Connected</p>";
    }

    private static String signedOut(String contextPath, String csrf, boolean usableGrant) {
        if (usableGrant) {
            return "<p>Sign in with your Webex account (a Contact Center administrator of this organisation) to see "
                    + "details and manage the connection.</p>"
                    + form(contextPath + "/setup/sign-in", csrf, "sign-in", "Sign in with Webex", "primary");
        }
        return "<p>Connect the broker to Webex once. You will sign in at Webex as a Contact Center administrator and "
                + "consent to the broker acting for you; the broker then keeps the grant encrypted and refreshed.</p>"
                + "<ol class=\"steps\" id=\"next-steps\"><li>Choose <strong>Connect to Webex</strong>.</li>"
                + "<li>Sign in at Webex with an account that is a Contact Center <em>administrator</em> of this "
                + "organisation, and accept.</li>"
                + "<li>Back here, copy the Desktop layout entry for the supervisors' <strong>Skills</strong> page.</li></ol>"
                + form(contextPath + "/setup/connect", csrf, "connect", "Connect to Webex", "primary");
    }

    private static String details(Grant grant, Broker.Running running, Instant now) {
        RefreshStatus refresh = running.refresher().status();
        String lastRefresh = refresh.lastOutcome().map(o -> o.describe()).orElse(
                grant.lastRefreshAt() == null ? "none yet"
                        : TIME.format(grant.lastRefreshAt()) + " — " + grant.lastRefreshOutcome());
        return "<dl class=\"facts\" id=\"grant\">"
                + fact("Authorised by", grant.authorizedBy().displayName() + " <" + grant.authorizedBy().email() + ">")
                + fact("Authorised at", TIME.format(grant.authorizedAt()))
                + fact("Organisation", grant.orgId())
                + fact("Data center", running.settings().webex().datacenter().id()
                        + " (" + running.settings().webex().ccApiBase() + ")")
                + fact("Scopes", String.join(" ", grant.tokens().scopes()))
                + fact("Access token expires", TIME.format(grant.tokens().accessTokenExpiresAt())
                        + " (" + until(now, grant.tokens().accessTokenExpiresAt()) + ")")
                + fact("Refresh token expires", TIME.format(grant.tokens().refreshTokenExpiresAt())
                        + " (" + until(now, grant.tokens().refreshTokenExpiresAt()) + ")")
                + fact("Last refresh", lastRefresh)
                + fact("Next refresh", refresh.nextAttemptAt().map(TIME::format).orElse("—"))
                + fact("Encryption key in use", running.keyring().primaryKeyId())
                + fact("Grant stored in", running.keeper().location())
                + "</dl>";
    }

    private static String actions(String contextPath, String csrf, Administrator admin, boolean connected) {
        return "<p class=\"muted\">Signed in as " + Html.escape(admin.displayName()) + " ("
                + Html.escape(admin.email()) + ").</p><div class=\"actions\">"
                + form(contextPath + "/setup/connect", csrf, "connect", connected ? "Reconnect" : "Connect to Webex",
                "primary")
                + (connected ? form(contextPath + "/setup/disconnect", csrf, "disconnect", "Disconnect…", "danger") : "")
                + form(contextPath + "/setup/sign-out", csrf, "sign-out", "Sign out", "secondary")
                + "</div>";
    }

    /** The audit trail's latest entries, newest first (only for a signed-in admin). */
    private static String latestChanges(List<AuditEntry> entries) {
        StringBuilder rows = new StringBuilder();
        for (AuditEntry e : entries) {
            String changes = e.skills().stream().map(s -> s.name() + " " + (s.before() == null ? "–" : s.before())
                    + " → " + s.after()).collect(java.util.stream.Collectors.joining(", "));
            rows.append("<tr><td>").append(Html.escape(TIME.format(e.time()))).append("</td><td>")
                    .append(Html.escape(e.name().isEmpty() ? e.email() : e.name() + " <" + e.email() + ">"))
                    .append("</td><td>").append(Html.escape(e.profileName().isEmpty() ? e.profileId() : e.profileName()))
                    .append("</td><td>").append(Html.escape(changes)).append("</td><td>")
                    .append(Html.escape(e.outcome())).append("</td></tr>");
        }
        return "<h2>Latest changes</h2>" + (entries.isEmpty() ? "<p class=\"muted\" id=\"changes\">None yet.</p>"
                : "<table id=\"changes\"><tr><th>Time</th><th>Who</th><th>Skill profile</th><th>Change</th>"
                + "<th>Outcome</th></tr>" + rows + "</table>");
    }

    private static String notice(String done) {
        String text = switch (done) {
            case "connected" -> "Connected to Webex. The grant is stored encrypted and will be refreshed automatically.";
            case "signed-in" -> "Signed in.";
            case "signed-out" -> "Signed out.";
            case "disconnected" -> "Disconnected: the grant was deleted.";
            default -> null;
        };
        return text == null ? "" : "<p class=\"notice\" id=\"notice\">" + Html.escape(text) + "</p>";
    }

    private static String until(Instant now, Instant then) {
        Duration left = Duration.between(now, then);
        if (left.isNegative()) {
            return "expired";
        }
        if (left.toDays() >= 2) {
            return "in " + left.toDays() + " days";
        }
        if (left.toHours() >= 2) {
            return "in " + left.toHours() + " hours";
        }
        return "in " + Math.max(0, left.toMinutes()) + " minutes";
    }

    private static String fact(String name, String value) {
        return "<dt>" + Html.escape(name) + "</dt><dd>" + Html.escape(value) + "</dd>";
    }

    private static String banner(String kind, String title, String text) {
        return "<div class=\"banner banner-" + kind + "\" role=\"alert\"><strong>" + Html.escape(title)
                + "</strong> " + Html.escape(text) + "</div>";
    }

    private static String form(String action, String csrf, String id, String label, String style) {
        return "<form method=\"post\" action=\"" + Html.escape(action) + "\">" + csrfField(csrf)
                + "<button type=\"submit\" id=\"" + id + "\" class=\"" + style + "\">" + Html.escape(label)
                + "</button></form>";
    }

    private static String csrfField(String csrf) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + Html.escape(csrf) + "\">";
    }
}
