package org.skillbroker.simulator;

import java.util.List;
import java.util.Map;

/** The simulated Webex sign-in and consent page; ids are stable for browser tests. */
final class AuthorizePage {

    /** The parameters carried from GET to POST as hidden fields. */
    static final List<String> CARRIED = List.of("response_type", "client_id", "redirect_uri", "scope", "state",
            "code_challenge", "code_challenge_method");

    private AuthorizePage() {
    }

    static String render(Map<String, String> params, List<SimUser> users, Directory directory) {
        StringBuilder html = new StringBuilder();
        html.append("<h1>Sign in to Webex (simulator)</h1>");
        html.append("<p>The application <code id=\"client-id\">").append(Html.esc(params.get("client_id")))
                .append("</code> asks for these permissions:</p><ul id=\"scopes\">");
        for (String scope : params.getOrDefault("scope", "").trim().split("\\s+")) {
            html.append("<li><code>").append(Html.esc(scope)).append("</code></li>");
        }
        html.append("</ul><form method=\"post\" action=\"/v1/authorize\" id=\"consent\">");
        for (String name : CARRIED) {
            String value = params.get(name);
            if (value != null) {
                html.append("<input type=\"hidden\" name=\"").append(Html.esc(name)).append("\" value=\"")
                        .append(Html.esc(value)).append("\">");
            }
        }
        html.append("<fieldset><legend>Sign in as</legend>");
        boolean first = true;
        for (SimUser user : users) {
            String id = "user-" + user.key();
            html.append("<label for=\"").append(Html.esc(id)).append("\"><input type=\"radio\" name=\"user\" id=\"")
                    .append(Html.esc(id)).append("\" value=\"").append(Html.esc(user.key())).append('"')
                    .append(first ? " checked" : "").append("> <strong>").append(Html.esc(user.displayName()))
                    .append("</strong> &lt;").append(Html.esc(user.email())).append("&gt; <span class=\"role\">")
                    .append(Html.esc(user.profileType() == null ? "not a Contact Center user" : user.profileType()))
                    .append(", ").append(Html.esc(directory.orgName(user.orgUuid()))).append("</span></label>");
            first = false;
        }
        html.append("</fieldset>")
                .append("<button type=\"submit\" name=\"decision\" value=\"accept\" id=\"accept\">Accept</button>")
                .append("<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\">Decline</button>")
                .append("</form>");
        return Html.page("Sign in to Webex (simulator)", html.toString());
    }

    static String error(String message) {
        return Html.page("Webex authorization error",
                "<h1>Authorization error</h1><p id=\"error\">" + Html.esc(message) + "</p>");
    }
}
