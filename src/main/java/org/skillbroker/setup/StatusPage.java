package org.skillbroker.setup;

import org.skillbroker.Broker;
import org.skillbroker.audit.AuditEntry;
import org.skillbroker.config.ConfigProblem;
import org.skillbroker.token.AdminCalls;
import org.skillbroker.token.Administrator;
import org.skillbroker.token.Grant;
import org.skillbroker.token.GrantStatus;
import org.skillbroker.token.RefreshOutcome;
import org.skillbroker.token.RefreshStatus;
import org.skillbroker.web.Html;
import org.skillbroker.web.Messages;
import org.skillbroker.widget.LayoutSnippet;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders the admin pages in the visitor's language ({@link Messages}). Shows the grant's facts, never a token.
 * Banners come from the state (or a one-time flash from the session), never from the URL, so a reload cannot
 * show "Connected" above "Re-authorisation required".
 */
final class StatusPage {

    /** What the page needs to know about the request beyond the broker's state. */
    record View(Messages msg, String contextPath, String csrf, Optional<Administrator> admin, Instant now,
                Optional<Flash> flash, URI publicUrl, Optional<String> expectedOrigin) {
    }

    private StatusPage() {
    }

    /**
     * Names the keys to fix, for anyone; what is wrong with each (it may name a file) is in the server log and on
     * /health for the metrics token, not here.
     */
    static String misconfigured(Messages msg, String contextPath, List<ConfigProblem> problems) {
        StringBuilder items = new StringBuilder();
        for (ConfigProblem problem : problems) {
            items.append("<li><code>").append(Html.escape(problem.key())).append("</code></li>");
        }
        return Html.page(msg, contextPath, msg.get("misconfigured.title"),
                "<div class=\"card\"><h1>" + e(msg.get("misconfigured.title")) + "</h1>"
                        + "<p class=\"state state-down\" id=\"state\">" + e(msg.get("state.not-configured")) + "</p>"
                        + "<p>" + e(msg.get("misconfigured.intro")) + " " + e(msg.get("misconfigured.where")) + "</p>"
                        + "<ul id=\"problems\">" + items + "</ul>"
                        + "<p class=\"muted\">" + msg.get("misconfigured.how") + "</p></div>"
                        + links(msg, contextPath));
    }

    static String confirmDisconnect(Messages msg, String contextPath, String csrf) {
        return Html.page(msg, contextPath, msg.get("disconnect.title"),
                "<div class=\"card\"><h1>" + e(msg.get("disconnect.question")) + "</h1>"
                        + "<p>" + e(msg.get("disconnect.consequence")) + "</p>"
                        + "<form method=\"post\" action=\"" + e(contextPath) + "/setup/disconnect\">"
                        + csrfField(csrf) + "<input type=\"hidden\" name=\"confirm\" value=\"yes\">"
                        + "<button class=\"danger\" id=\"confirm-disconnect\" type=\"submit\">"
                        + e(msg.get("disconnect.confirm")) + "</button> "
                        + "<a class=\"button secondary\" href=\"" + e(contextPath) + "/setup\">"
                        + e(msg.get("action.cancel")) + "</a></form></div>");
    }

    static String render(View v, Broker.Running running) {
        Messages msg = v.msg();
        Optional<Grant> grant = running.keeper().current();
        StringBuilder body = new StringBuilder("<div class=\"card\"><h1>")
                .append(e(msg.get("status.title"))).append("</h1>");
        v.flash().ifPresent(f -> body.append("<p class=\"notice\" id=\"notice\" role=\"status\">")
                .append(e(msg.get("flash." + f.key()))).append("</p>"));
        v.expectedOrigin().ifPresent(origin -> body.append(banner("warning", "wrong-host", msg.get("host.title"),
                e(msg.get("host.text", origin)) + " <a href=\"" + e(origin + v.contextPath()) + "/setup\">"
                        + e(origin + v.contextPath() + "/setup") + "</a>")));
        // File names and store errors are for a signed-in admin only: an anonymous visitor learns that something
        // is wrong, not where the grant lives.
        boolean anonymous = v.admin().isEmpty();
        running.keeper().unreadable().ifPresent(why -> body.append(banner("danger", "store-unreadable",
                msg.get("store.unreadable.title"), e(anonymous ? msg.get("store.sign-in-for-details")
                        : msg.get("store.unreadable.text", why)))));
        running.keeper().writeFailure().ifPresent(why -> body.append(banner("warning", "store-unwritable",
                msg.get("store.unwritable.title"), e(anonymous ? msg.get("store.sign-in-for-details")
                        : msg.get("store.unwritable.text", why)))));
        running.adminCalls().lastRefusal().filter(AdminCalls.Refusal::write).ifPresent(refusal -> body.append(
                banner("danger", "write-refused", msg.get("refused-write.title"), e(msg.get("refused-write.text"
                        + (grant.isPresent() && !grant.get().tokens().scopesKnown() ? "-scopes-unknown" : ""))))));
        body.append(stateLine(v, grant, running));
        if (v.admin().isEmpty()) {
            body.append(signedOut(v, grant));
        } else {
            grant.ifPresent(g -> body.append(details(v, g, running)));
            body.append(actions(v, v.admin().get(), grant));
            body.append(storeNote(msg, running));
            running.revocation().last().ifPresent(outcome -> body.append(revocation(v, outcome)));
            body.append(pendingReverts(v, running));
            body.append(latestChanges(v, running.audit().latest()));
        }
        body.append("</div>");
        if (v.admin().isPresent()) {
            body.append(watchCard(v, grant, running));
        }
        boolean widget = v.admin().isPresent() && SetupServlet.hasUsableGrant(running);
        if (widget) {
            body.append(widgetCard(msg, v.contextPath(), v.publicUrl()));
        }
        body.append(links(msg, v.contextPath()));
        return Html.page(msg, v.contextPath(), msg.get("status.page-title"), body.toString(),
                widget ? "/assets/copy.js" : null);
    }

    /** Which store holds the shared state, and whether it can be reached: for signed-in admins only. */
    private static String storeNote(Messages msg, Broker.Running running) {
        String note = "<p class=\"muted\" id=\"store-in-use\">" + e(msg.get("store.shared.note",
                running.state().description()))
                + running.imported().map(r -> " " + e(msg.get("store.imported", r.describe()))).orElse("") + "</p>";
        return running.state().outage().map(why -> banner("warning", "store-outage", msg.get("store.outage.title"),
                e(msg.get("store.outage.text", why)))).orElse("") + note;
    }

    /** Where an operator looks next: the machine-readable state. */
    private static String links(Messages msg, String contextPath) {
        return "<nav class=\"links\" aria-label=\"" + e(msg.get("links.label")) + "\"><a id=\"health-link\" href=\""
                + e(contextPath) + "/health\">" + e(msg.get("links.health")) + "</a><a id=\"metrics-link\" href=\""
                + e(contextPath) + "/metrics\">" + e(msg.get("links.metrics")) + "</a></nav>";
    }

    /** The Desktop layout entry and where it goes; the copy button is /assets/copy.js (CSP: no inline script). */
    private static String widgetCard(Messages msg, String contextPath, URI publicUrl) {
        String script = publicUrl + "/widget/skill-editor-widget.js";
        return "<section class=\"card\" id=\"widget\" aria-labelledby=\"widget-title\">"
                + "<h2 id=\"widget-title\">" + e(msg.get("widget.title")) + "</h2>"
                + "<ol class=\"steps\"><li>" + e(msg.get("widget.step1")) + "</li>"
                + "<li>" + msg.get("widget.step2") + "</li>"
                + "<li>" + msg.get("widget.step3") + "</li></ol>"
                + "<p class=\"muted\">" + msg.get("widget.served", "<code>" + e(script) + "</code>") + "</p>"
                + "<div class=\"snippet\"><div class=\"snippet-bar\"><span>" + e(msg.get("widget.snippet")) + "</span>"
                + "<button type=\"button\" class=\"secondary\" id=\"copy-snippet\" data-copy=\"layout-snippet\""
                + " data-copied=\"" + e(msg.get("widget.copied")) + "\" data-selected=\""
                + e(msg.get("widget.selected")) + "\" hidden>" + e(msg.get("widget.copy")) + "</button></div>"
                + "<pre id=\"layout-snippet\" tabindex=\"0\" aria-label=\"" + e(msg.get("widget.snippet")) + "\">"
                + e(LayoutSnippet.pretty(publicUrl)) + "</pre>"
                + "<p class=\"copy-status muted\" id=\"copy-status\" role=\"status\" aria-live=\"polite\"></p></div>"
                + "<p class=\"muted\">" + e(msg.get("widget.also")) + " <a href=\"" + e(contextPath)
                + "/widget/layout.json\">" + e(contextPath) + "/widget/layout.json</a></p>"
                + "</section>";
    }

    /** One line saying the state, one sentence saying what it means, and the banner that says what to do. */
    private static String stateLine(View v, Optional<Grant> grant, Broker.Running running) {
        Messages msg = v.msg();
        Instant now = v.now();
        if (grant.isEmpty()) {
            return state("down", msg.get("state.not-connected"), msg.get("state.not-connected.detail"));
        }
        Grant g = grant.get();
        if (g.status() == GrantStatus.REAUTHORIZATION_REQUIRED) {
            String since = g.lastRefreshAt() == null ? "" : " " + msg.get("state.since",
                    msg.relative(now, g.lastRefreshAt()), msg.time(g.lastRefreshAt()));
            return state("down", msg.get("state.reauthorize"), msg.get("state.reauthorize.detail"))
                    + "<div class=\"banner banner-danger\" id=\"banner-reauthorize\" role=\"alert\"><strong>"
                    + e(msg.get("reauthorize.title")) + "</strong> " + e(msg.get("reauthorize.text") + since)
                    + form(v.contextPath() + "/setup/connect", v.csrf(), "reconnect", msg.get("action.reconnect"),
                    "primary") + "</div>";
        }
        if (g.adminDisqualified()) {
            return state("down", "Changes stopped", "Supervisors can still read skills but not change them.")
                    + banner("danger", "banner-admin-not-qualified",
                    "The administrator who connected the broker no longer qualifies",
                    e(g.authorizedBy().email() + " " + g.adminCheck().reason() + " (checked "
                            + msg.time(g.adminCheck().checkedAt()) + "). A Contact Center administrator must "
                            + "reconnect."));
        }
        if (!g.tokens().accessTokenValidAt(now)) {
            return state("down", msg.get("state.expired"), msg.get("state.expired.detail"))
                    + banner("danger", "banner-expired", msg.get("expired.title"), e(msg.get("expired.text")));
        }
        if (running.policy().refreshTokenExpiresSoon(g.tokens(), now)) {
            Instant end = g.tokens().refreshTokenExpiresAt();
            return state("warn", msg.get("state.soon"), msg.get("state.up.detail"))
                    + banner("warning", "banner-soon", msg.get("soon.title", msg.relative(now, end)),
                    e(msg.get("soon.text", msg.time(end))));
        }
        return state("up", msg.get("state.connected"), msg.get("state.up.detail"));
    }

    private static String state(String kind, String state, String detail) {
        return "<div class=\"state-block\"><p class=\"state state-" + kind + "\" id=\"state\">" + e(state) + "</p>"
                + "<p class=\"state-detail\" id=\"state-detail\">" + e(detail) + "</p></div>";
    }

    private static String signedOut(View v, Optional<Grant> grant) {
        Messages msg = v.msg();
        if (grant.isPresent() && grant.get().status() == GrantStatus.ACTIVE) {
            return "<p>" + e(msg.get("signed-out.connected")) + "</p>"
                    + form(v.contextPath() + "/setup/sign-in", v.csrf(), "sign-in", msg.get("action.sign-in"), "primary");
        }
        if (grant.isPresent()) {
            return ""; // re-authorisation required: the banner above holds the one button that helps
        }
        return "<p>" + e(msg.get("signed-out.intro")) + "</p>"
                + "<ol class=\"steps\" id=\"next-steps\"><li>" + msg.get("signed-out.step1") + "</li>"
                + "<li>" + msg.get("signed-out.step2") + "</li>"
                + "<li>" + msg.get("signed-out.step3") + "</li></ol>"
                + form(v.contextPath() + "/setup/connect", v.csrf(), "connect", msg.get("action.connect"), "primary");
    }

    private static String details(View v, Grant grant, Broker.Running running) {
        Messages msg = v.msg();
        Instant now = v.now();
        RefreshStatus refresh = running.refresher().status();
        return "<dl class=\"facts\" id=\"grant\">"
                + fact("Mode", grant.serviceApp()
                        ? e("Service App " + grant.serviceAppId() + ": Contact Center sees the Service App's identity")
                        : e("Administrator's grant: Contact Center sees " + grant.authorizedBy().email()
                        + " make every change"))
                + fact(msg.get("fact.authorized-by"), e(grant.authorizedBy().displayName()) + " <span class=\"nowrap\">&lt;"
                + e(grant.authorizedBy().email()) + "&gt;</span>")
                + fact(msg.get("fact.authorized-at"), when(msg, now, grant.authorizedAt()))
                + fact(msg.get("fact.org"), "<code class=\"id\">" + e(grant.orgId()) + "</code>")
                + fact(msg.get("fact.datacenter"), e(running.settings().webex().datacenter().id()) + " <span class=\"muted\">("
                + e(running.settings().webex().ccApiBase().toString()) + ")</span>")
                + fact(msg.get("fact.scopes"), grant.tokens().scopesKnown()
                ? grant.tokens().scopes().stream().map(s -> "<code>" + e(s) + "</code>").collect(Collectors.joining(" "))
                : e(msg.get("fact.scopes-unknown")))
                + fact(msg.get("fact.access-expires"), expiry(msg, now, grant.tokens().accessTokenExpiresAt()))
                + fact(msg.get("fact.refresh-expires"), expiry(msg, now, grant.tokens().refreshTokenExpiresAt()))
                + fact(msg.get("fact.last-refresh"), lastRefresh(msg, now, grant, refresh))
                + fact(msg.get("fact.next-refresh"), refresh.nextAttemptAt().map(t -> when(msg, now, t)).orElse("—"))
                + fact(msg.get("fact.key"), "<code>" + e(running.keyring().primaryKeyId()) + "</code>")
                + fact(msg.get("fact.store"), "<code class=\"path\">" + e(running.keeper().location()) + "</code>")
                + "</dl>";
    }

    /** "3 hours ago (29 Nov 2026, 21:04:00 UTC)": relative for reading, absolute for the record. */
    private static String when(Messages msg, Instant now, Instant then) {
        return "<time datetime=\"" + then + "\">" + e(msg.relative(now, then)) + "</time> <span class=\"muted\">("
                + e(msg.time(then)) + ")</span>";
    }

    private static String expiry(Messages msg, Instant now, Instant at) {
        if (at.isAfter(now)) {
            return when(msg, now, at);
        }
        return "<time datetime=\"" + at + "\">" + e(msg.get("time.expired", msg.relative(now, at)))
                + "</time> <span class=\"muted\">(" + e(msg.time(at)) + ")</span>";
    }

    /** When the last refresh ran and what came of it, in words. */
    private static String lastRefresh(Messages msg, Instant now, Grant grant, RefreshStatus refresh) {
        Optional<Instant> at = refresh.lastAttemptAt();
        Optional<RefreshOutcome> outcome = refresh.lastOutcome();
        if (at.isPresent() && outcome.isPresent()) {
            RefreshOutcome o = outcome.get();
            String what;
            if (o instanceof RefreshOutcome.Failed f) {
                what = msg.get("refresh.failed", f.why(), msg.relative(now, f.retryAt()));
            } else if (o instanceof RefreshOutcome.ReauthorizationRequired) {
                what = msg.get("refresh.invalid-grant");
            } else if (o instanceof RefreshOutcome.RefreshedElsewhere) {
                what = msg.get("refresh.elsewhere");
            } else if (o instanceof RefreshOutcome.NoGrant n) {
                what = n.why();
            } else {
                what = msg.get("refresh.ok");
            }
            return when(msg, now, at.get()) + " — " + e(what);
        }
        if (grant.lastRefreshAt() != null && grant.lastRefreshAt().isAfter(grant.authorizedAt())) {
            String what = "refreshed".equals(grant.lastRefreshOutcome()) ? msg.get("refresh.ok")
                    : grant.status() == GrantStatus.REAUTHORIZATION_REQUIRED ? msg.get("refresh.invalid-grant")
                    : msg.get("refresh.unknown");
            return when(msg, now, grant.lastRefreshAt()) + " — " + e(what);
        }
        return e(msg.get("refresh.none"));
    }

    private static String actions(View v, Administrator admin, Optional<Grant> grant) {
        Messages msg = v.msg();
        boolean active = grant.isPresent() && grant.get().status() == GrantStatus.ACTIVE;
        return "<p class=\"muted\">" + e(msg.get("signed-in-as", admin.displayName(), admin.email())) + "</p>"
                + "<div class=\"actions\">"
                // re-authorisation required: the banner holds the Reconnect button
                + (active ? form(v.contextPath() + "/setup/connect", v.csrf(), "connect", msg.get("action.reconnect"),
                "primary") : "")
                + (grant.isEmpty() ? form(v.contextPath() + "/setup/connect", v.csrf(), "connect",
                msg.get("action.connect"), "primary") : "")
                + (grant.isPresent() ? form(v.contextPath() + "/setup/disconnect", v.csrf(), "disconnect",
                msg.get("action.disconnect"), "danger") : "")
                + form(v.contextPath() + "/setup/sign-out", v.csrf(), "sign-out", msg.get("action.sign-out"), "secondary")
                + "</div>";
    }

    /** The audit trail's latest entries, newest first (only for a signed-in admin). */
    private static String latestChanges(View v, List<AuditEntry> entries) {
        Messages msg = v.msg();
        StringBuilder rows = new StringBuilder();
        for (AuditEntry a : entries) {
            String changes = cause(msg, a) + changeList(a.changes())
                    + a.untilTime().map(u -> " <span class=\"muted\">" + e(msg.get("changes.until", msg.time(u)))
                    + "</span>").orElse("");
            rows.append("<tr><td>").append(when(msg, v.now(), a.time())).append("</td><td>").append(who(msg, a))
                    .append("</td><td>").append(profile(msg, a)).append("</td><td>").append(changes)
                    .append("</td><td>").append(outcome(msg, a)).append("</td></tr>");
        }
        return "<h2>" + e(msg.get("changes.title")) + "</h2>" + (entries.isEmpty()
                ? "<p class=\"muted\" id=\"changes\">" + e(msg.get("changes.none")) + "</p>"
                : "<div class=\"table-scroll\"><table id=\"changes\"><thead><tr><th scope=\"col\">"
                + e(msg.get("changes.time")) + "</th><th scope=\"col\">" + e(msg.get("changes.who"))
                + "</th><th scope=\"col\">" + e(msg.get("changes.profile")) + "</th><th scope=\"col\">"
                + e(msg.get("changes.change")) + "</th><th scope=\"col\">" + e(msg.get("changes.outcome"))
                + "</th></tr></thead><tbody>" + rows + "</tbody></table></div>");
    }

    private static String changeList(List<org.skillbroker.changes.FieldChange> changes) {
        return changes.stream().map(s -> e(s.label().isEmpty() ? s.field() : s.label()) + " "
                + e(org.skillbroker.changes.FieldChange.text(s.before())) + " → "
                + e(org.skillbroker.changes.FieldChange.text(s.after()))).collect(Collectors.joining(", "));
    }

    /** An undo or a revert says so before its values. */
    private static String cause(Messages msg, AuditEntry a) {
        return switch (a.cause()) {
            case "undo", "revert", "revert-now" -> "<span class=\"muted\">" + e(msg.get("cause." + a.cause()))
                    + ":</span> ";
            default -> "";
        };
    }

    /** Timed changes still to be reverted, of all nodes, earliest first (only for a signed-in admin). */
    private static String pendingReverts(View v, Broker.Running running) {
        List<org.skillbroker.changes.PendingChange> pending;
        try {
            pending = running.changes().pendingAll();
        } catch (org.skillbroker.state.StoreUnavailableException e) {
            return ""; // the store banner says why
        }
        if (pending.isEmpty()) {
            return "";
        }
        Messages msg = v.msg();
        StringBuilder rows = new StringBuilder();
        for (org.skillbroker.changes.PendingChange p : pending.subList(0, Math.min(pending.size(), REVERTS_SHOWN))) {
            String who = blank(p.name()) ? e(p.email()) : e(p.name()) + " <span class=\"muted\">" + e(p.email())
                    + "</span>";
            rows.append("<tr><td>").append(when(msg, v.now(), p.dueAt())).append("</td><td>").append(who)
                    .append("</td><td>").append(blank(p.resourceName()) ? "<code class=\"id\">" + e(p.resourceId())
                            + "</code>" : e(p.resourceName()))
                    .append("</td><td>").append(changeList(p.changes())).append("</td></tr>");
        }
        return "<h2>" + e(msg.get("reverts.title")) + "</h2><div class=\"table-scroll\"><table id=\"pending-reverts\">"
                + "<thead><tr><th scope=\"col\">" + e(msg.get("reverts.due")) + "</th><th scope=\"col\">"
                + e(msg.get("changes.who")) + "</th><th scope=\"col\">" + e(msg.get("changes.profile"))
                + "</th><th scope=\"col\">" + e(msg.get("changes.change")) + "</th></tr></thead><tbody>" + rows
                + "</tbody></table></div>";
    }

    /** At most this many pending reverts are listed (the earliest). */
    private static final int REVERTS_SHOWN = 50;

    /** A refusal may come before the caller is known: say so rather than leave the cell blank. */
    static String who(Messages msg, AuditEntry a) {
        String name = blank(a.name()) ? "" : e(a.name());
        String email = blank(a.email()) ? "" : "<span class=\"nowrap\">" + e(a.email()) + "</span>";
        if (!name.isEmpty() && !email.isEmpty()) {
            return name + " " + "<span class=\"muted\">" + email + "</span>";
        }
        if (!name.isEmpty() || !email.isEmpty()) {
            return name + email;
        }
        return "<span class=\"muted\">" + e(msg.get("changes.unknown-caller")) + "</span>";
    }

    /** A profile the broker could not read has no name: say so, and keep the id for the record, shortened. */
    static String profile(Messages msg, AuditEntry a) {
        if (!blank(a.profileName())) {
            return e(a.profileName());
        }
        if (blank(a.profileId())) {
            return "<span class=\"muted\">—</span>";
        }
        String id = a.profileId();
        String shortId = id.length() > 8 ? id.substring(0, 8) + "…" : id;
        return "<span class=\"muted\">" + e(msg.get("changes.unknown-profile")) + "</span> <code class=\"id\" title=\""
                + e(id) + "\">" + e(shortId) + "</code>";
    }

    /** Successes and failures must not look alike: words and a mark, not a raw code. */
    static String outcome(Messages msg, AuditEntry a) {
        String kind;
        String text;
        if ("changed".equals(a.outcome())) {
            kind = "ok";
            text = msg.get("outcome.changed");
        } else if ("unchanged".equals(a.outcome())) {
            kind = "neutral";
            text = msg.get("outcome.unchanged");
        } else if ("reverted".equals(a.outcome())) {
            kind = "ok";
            text = msg.get("outcome.reverted");
        } else if ("superseded".equals(a.outcome()) || "revert-cancelled".equals(a.outcome())) {
            kind = "neutral";
            text = msg.get("outcome." + a.outcome());
        } else if (a.status() >= 500 || a.status() == 429 || a.status() == 409) {
            kind = "bad";
            text = msg.get("outcome.failed", a.status());
        } else {
            kind = "bad";
            text = msg.get("outcome.refused", a.status());
        }
        return "<span class=\"outcome outcome-" + kind + "\">" + e(text) + "</span>"
                + ("ok".equals(kind) || "neutral".equals(kind) ? ""
                : " <code class=\"muted\">" + e(a.outcome()) + "</code>");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Administrator re-check, alerts and their channels, the operator controls and the event history. */
    private static String watchCard(View v, Optional<Grant> grant, Broker.Running running) {
        Messages msg = v.msg();
        StringBuilder card = new StringBuilder("<section class=\"card\" id=\"watch\" aria-labelledby=\"watch-title\">"
                + "<h2 id=\"watch-title\">Checks and alerts</h2><dl class=\"facts\" id=\"recheck\">");
        grant.map(Grant::adminCheck).ifPresent(check -> card.append(fact("Administrator last re-checked",
                when(msg, v.now(), check.checkedAt()) + " — " + e((check.qualified() ? "" : "NOT QUALIFIED: ")
                        + check.reason()))));
        card.append(fact("Next re-check", running.adminRecheck().nextCheckAt().map(t -> when(msg, v.now(), t))
                .orElse("—") + e(" (every " + running.settings().setup().adminRecheckInterval() + ", 2 Webex calls)")));
        running.adminRecheck().lastFailure().ifPresent(why -> card.append(fact("Last re-check attempt failed", e(why))));
        card.append("</dl><h3>Firing now</h3>");
        List<org.skillbroker.alert.AlertWatch.Active> active = running.alerts().active();
        if (active.isEmpty()) {
            card.append("<p class=\"muted\" id=\"firing\">Nothing.</p>");
        } else {
            card.append("<ul id=\"firing\">");
            active.forEach(a -> card.append("<li><strong>").append(e(a.kind().title())).append("</strong> ")
                    .append(when(msg, v.now(), a.since())).append(": ").append(e(a.detail())).append("</li>"));
            card.append("</ul>");
        }
        card.append("<h3>Alert channels</h3>");
        List<org.skillbroker.alert.AlertDelivery.ChannelStatus> channels = running.alerts().delivery().status();
        if (channels.isEmpty()) {
            card.append("<p class=\"muted\" id=\"channels\">None configured: alerts reach only the log, this page and "
                    + "/health. The README's Alerts section shows how to add a Webex space, e-mail or a webhook.</p>");
        } else {
            card.append("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Alert channels\">"
                    + "<table id=\"channels\"><thead><tr><th scope=\"col\">Channel</th><th scope=\"col\">To</th>"
                    + "<th scope=\"col\">Last delivered</th><th scope=\"col\">Last failure</th>"
                    + "<th scope=\"col\">Waiting</th></tr></thead><tbody>");
            channels.forEach(c -> card.append("<tr><td>").append(e(c.name())).append("</td><td>")
                    .append(e(c.target())).append("</td><td>")
                    .append(c.lastDeliveredAt().map(t -> when(msg, v.now(), t)).orElse("—")).append("</td><td>")
                    .append(c.lastFailedAt().map(t -> when(msg, v.now(), t) + " — " + e(c.lastFailure().orElse("")))
                            .orElse("—")).append("</td><td>").append(c.pending()).append("</td></tr>"));
            card.append("</tbody></table></div>");
        }
        card.append("<div class=\"actions\" id=\"operator-controls\">");
        if (grant.isPresent()) {
            card.append(form(v.contextPath() + "/setup/refresh-now", v.csrf(), "refresh-now", "Refresh now", "secondary"))
                    .append(form(v.contextPath() + "/setup/test-connection", v.csrf(), "test-connection",
                            "Test connection", "secondary"));
        }
        card.append(form(v.contextPath() + "/setup/test-alert", v.csrf(), "test-alert", "Send test alert", "secondary"))
                .append("</div>");
        card.append(history(v, running.events().latest(30)));
        return card.append("</section>").toString();
    }

    private static String history(View v, List<org.skillbroker.audit.EventHistory.Event> events) {
        if (events.isEmpty()) {
            return "<h3>History</h3><p class=\"muted\" id=\"history\">Nothing yet.</p>";
        }
        StringBuilder rows = new StringBuilder();
        for (org.skillbroker.audit.EventHistory.Event event : events) {
            rows.append("<tr><td>").append(when(v.msg(), v.now(), event.at())).append("</td><td>")
                    .append(e(event.kind())).append("</td><td>").append(e(event.actor()))
                    .append("</td><td>").append(e(event.detail())).append("</td></tr>");
        }
        return "<h3>History</h3><div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"History\">"
                + "<table id=\"history\"><thead><tr><th scope=\"col\">Time</th><th scope=\"col\">Event</th>"
                + "<th scope=\"col\">By</th><th scope=\"col\">Detail</th></tr></thead><tbody>" + rows
                + "</tbody></table></div>";
    }

    private static String fact(String name, String valueHtml) {
        return "<div class=\"fact\"><dt>" + e(name) + "</dt><dd>" + valueHtml + "</dd></div>";
    }

    private static String banner(String kind, String id, String title, String textHtml) {
        return "<div class=\"banner banner-" + kind + "\" id=\"" + id + "\" role=\"alert\"><strong>" + e(title)
                + "</strong> " + textHtml + "</div>";
    }

    private static String form(String action, String csrf, String id, String label, String style) {
        return "<form method=\"post\" action=\"" + e(action) + "\">" + csrfField(csrf)
                + "<button type=\"submit\" id=\"" + id + "\" class=\"" + style + "\">" + e(label)
                + "</button></form>";
    }

    /** Whether the grant let go last was revoked at Webex (only for a signed-in admin). */
    private static String revocation(View v, GrantRevocation.Outcome outcome) {
        Messages msg = v.msg();
        if (outcome.revoked()) {
            return "<p class=\"muted\" id=\"revocation\">" + e(msg.get("revocation.done", outcome.adminEmail(),
                    outcome.detail(), msg.time(outcome.at()))) + "</p>";
        }
        return "<div id=\"revocation\">" + banner("warning", "revocation-failed", msg.get("revocation.failed.title"),
                e(msg.get("revocation.failed.text", outcome.adminEmail(), outcome.detail()))) + "</div>";
    }

    /** No field before a session exists: starting a sign-in needs none (see SetupServlet). */
    private static String csrfField(String csrf) {
        if (csrf == null) {
            return "";
        }
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + e(csrf) + "\">";
    }

    private static String e(String text) {
        return Html.escape(text);
    }
}
