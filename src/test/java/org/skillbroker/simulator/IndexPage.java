package org.skillbroker.simulator;

import java.util.Map;

/** {@code GET /_sim/}: what the simulator holds, for a human running the demo. */
final class IndexPage {

    private IndexPage() {
    }

    static String render(WebexSimulator sim) {
        StringBuilder html = new StringBuilder("<h1>Webex simulator</h1>");
        html.append("<p>Base URI (Webex REST and Contact Center): <code>").append(Html.esc(sim.baseUri().toString()))
                .append("</code></p><h2>Users</h2><table><tr><th>key</th><th>name</th><th>e-mail</th><th>role</th>"
                        + "<th>org</th><th>person uuid</th><th>desktop token</th></tr>");
        for (SimUser u : sim.users()) {
            html.append("<tr><td><code>").append(Html.esc(u.key())).append("</code></td><td>")
                    .append(Html.esc(u.displayName())).append("</td><td>").append(Html.esc(u.email()))
                    .append("</td><td>").append(Html.esc(u.profileType() == null ? "(not in CC)" : u.profileType()))
                    .append("</td><td><code>").append(Html.esc(u.orgUuid())).append("</code></td><td><code>")
                    .append(Html.esc(u.personUuid())).append("</code></td><td><code>POST /_sim/desktop-token?user=")
                    .append(Html.esc(u.key())).append("</code></td></tr>");
        }
        html.append("</table><h2>Skill profiles (org A)</h2><ul>");
        SeededProfiles p = sim.seededProfiles();
        Map<String, String> named = new java.util.LinkedHashMap<>();
        named.put("German Speaker", p.germanSpeaker());
        named.put("Billing Experts", p.billingExperts());
        named.put("Spanish Desk", p.spanishDesk());
        for (Map.Entry<String, String> e : named.entrySet()) {
            html.append("<li>").append(Html.esc(e.getKey())).append(": <a href=\"/_sim/skill-profile/")
                    .append(Html.esc(e.getValue())).append("\"><code>").append(Html.esc(e.getValue()))
                    .append("</code></a></li>");
        }
        html.append("<li>Profile 01..25 (for paging)</li></ul><h2>Skills (org A)</h2><ul>");
        sim.seededSkills().forEach((name, id) -> html.append("<li>").append(Html.esc(name)).append(": <code>")
                .append(Html.esc(id)).append("</code></li>"));
        html.append("</ul><p>Teams: A <code>").append(Html.esc(p.teamA())).append("</code>, B <code>")
                .append(Html.esc(p.teamB())).append("</code></p>")
                .append("<p><a href=\"/_sim/counters\">Request counters</a></p>");
        return Html.page("Webex simulator", html.toString());
    }
}
