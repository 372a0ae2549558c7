package org.skillbroker.it;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin's clicks through {@code /setup} and the simulator's sign-in page, over plain HTTP. */
public final class AdminFlow {

    public final WebClient browser;
    private final String base;

    public AdminFlow(String base) {
        this(base, new WebClient());
    }

    /** With a browser of the caller's making (HTTPS trust, container credentials). */
    public AdminFlow(String base, WebClient browser) {
        this.base = base;
        this.browser = browser;
    }

    /** Clicks the button with this action on /setup; returns the 303 towards Webex. */
    public WebClient.Reply press(String action) {
        WebClient.Reply setup = browser.get(base + "/setup", "Accept", "text/html");
        // Before a session exists the page has no CSRF field: the form is proven by its Origin, as browsers send it.
        java.net.URI uri = java.net.URI.create(base);
        String origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        return browser.postForm(base + "/setup/" + action, setup.csrfIfAny().map(c -> Map.of("csrf", c)).orElse(Map.of()),
                "Accept", "text/html", "Origin", origin);
    }

    /** Signs in at the simulator as {@code userKey} and accepts (or declines); returns the callback URL Webex sends back. */
    public String authorizeAtWebex(WebClient.Reply towardsWebex, String userKey, boolean accept) {
        assertEquals(303, towardsWebex.status(), towardsWebex.body());
        String authorizeUrl = towardsWebex.location();
        WebClient webex = new WebClient();
        WebClient.Reply page = webex.get(authorizeUrl);
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("user-" + userKey), "sign-in page offers " + userKey);
        Map<String, String> form = new LinkedHashMap<>(WebClient.query(authorizeUrl));
        form.put("user", userKey);
        form.put("decision", accept ? "accept" : "deny");
        String action = authorizeUrl.substring(0, authorizeUrl.indexOf('?'));
        WebClient.Reply redirect = webex.postForm(action, form);
        assertEquals(302, redirect.status(), redirect.body());
        return redirect.location();
    }

    /** Follows Webex's redirect back to the broker. */
    public WebClient.Reply callback(String callbackUrl) {
        return browser.get(callbackUrl, "Accept", "text/html");
    }

    /** The whole connect flow as {@code userKey}; returns the broker's answer to the callback. */
    public WebClient.Reply connectAs(String userKey) {
        return callback(authorizeAtWebex(press("connect"), userKey, true));
    }

    public WebClient.Reply signInAs(String userKey) {
        return callback(authorizeAtWebex(press("sign-in"), userKey, true));
    }

    public WebClient.Reply setupPage() {
        return browser.get(base + "/setup", "Accept", "text/html");
    }
}
