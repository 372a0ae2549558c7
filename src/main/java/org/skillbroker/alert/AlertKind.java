package org.skillbroker.alert;

/** What an alert is about. The slug is stable: webhook receivers and mail filters may match on it. */
public enum AlertKind {
    REAUTHORIZATION_REQUIRED("reauthorization-required", "Webex no longer accepts the broker's grant"),
    REFRESH_FAILING("refresh-failing", "Refreshing the Webex grant keeps failing"),
    REFRESH_TOKEN_EXPIRING("refresh-token-expiring", "The Webex grant expires soon"),
    ADMIN_NOT_QUALIFIED("admin-not-qualified", "The administrator who connected the broker no longer qualifies"),
    /** Raised through {@link AlertWatch#watch}: code that schedules timed changes reports a revert it missed. */
    REVERT_OVERDUE("revert-overdue", "A timed skill change was not reverted on time"),
    TEST("test", "Test alert");

    private final String slug;
    private final String title;

    AlertKind(String slug, String title) {
        this.slug = slug;
        this.title = title;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }
}
