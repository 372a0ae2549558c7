package org.skillbroker.token;

import java.time.Instant;

/** What one refresh attempt did (style.md 15: an explicit outcome, never null). */
public sealed interface RefreshOutcome {

    /** Words for the status page and the log; never a secret. */
    String describe();

    record Refreshed(Instant accessTokenExpiresAt) implements RefreshOutcome {
        public String describe() {
            return "refreshed; access token valid until " + accessTokenExpiresAt;
        }
    }

    /** Another node (or thread) refreshed first; its grant was adopted. */
    record RefreshedElsewhere(Instant accessTokenExpiresAt) implements RefreshOutcome {
        public String describe() {
            return "already refreshed by another node; access token valid until " + accessTokenExpiresAt;
        }
    }

    record NotDue(Instant dueAt) implements RefreshOutcome {
        public String describe() {
            return "not due until " + dueAt;
        }
    }

    record NoGrant(String why) implements RefreshOutcome {
        public String describe() {
            return why;
        }
    }

    /** A retryable failure (5xx, 429, network, another node holding the lock); tried again at {@code retryAt}. */
    record Failed(String why, Instant retryAt) implements RefreshOutcome {
        public String describe() {
            return why + "; next attempt at " + retryAt;
        }
    }

    /** Webex answered {@code invalid_grant}: only an admin connecting again helps. */
    record ReauthorizationRequired(String why) implements RefreshOutcome {
        public String describe() {
            return why;
        }
    }
}
