package org.skillbroker.alert;

import org.skillbroker.config.Settings;
import org.skillbroker.token.Grant;
import org.skillbroker.token.GrantStatus;
import org.skillbroker.token.RefreshOutcome;
import org.skillbroker.token.RefreshPolicy;
import org.skillbroker.token.TokenRefresher;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The conditions the grant itself tells of. Each is read from the stored grant, which all nodes share, so every
 * node comes to the same answer; only the words about the last error may differ.
 */
public final class GrantConditions {

    private GrantConditions() {
    }

    public static void register(AlertWatch watch, TokenRefresher refresher, RefreshPolicy policy,
                                Settings.Alerts settings) {
        watch.watch(AlertKind.REAUTHORIZATION_REQUIRED, now -> active(refresher)
                .filter(g -> g.status() == GrantStatus.REAUTHORIZATION_REQUIRED)
                .map(g -> (g.lastRefreshOutcome() == null ? "Webex refused the refresh token."
                        : g.lastRefreshOutcome() + ".") + " Supervisors cannot change skills until a Contact Center "
                        + "administrator connects the broker again at /setup."));
        watch.watch(AlertKind.REFRESH_FAILING, now -> usable(refresher)
                .filter(g -> !now.isBefore(policy.dueAt(g.tokens()).plus(settings.refreshFailingAfter())))
                .map(g -> "No refresh has succeeded since " + g.tokens().issuedAt() + "; one was due at "
                        + policy.dueAt(g.tokens()) + ". The access token " + (g.tokens().accessTokenValidAt(now)
                        ? "expires at " : "expired at ") + g.tokens().accessTokenExpiresAt() + "."
                        + lastError(refresher) + " The broker keeps retrying; check that it can reach Webex."));
        watch.watch(AlertKind.REFRESH_TOKEN_EXPIRING, now -> usable(refresher)
                .filter(g -> policy.refreshTokenExpiresSoon(g.tokens(), now))
                .map(g -> "Webex stops accepting the broker's refresh token at " + g.tokens().refreshTokenExpiresAt()
                        + " (in " + AlertWatch.words(Duration.between(now, g.tokens().refreshTokenExpiresAt()))
                        + "). A Contact Center administrator should reconnect the broker at /setup before then."));
        watch.watch(AlertKind.ADMIN_NOT_QUALIFIED, now -> usable(refresher)
                .filter(Grant::adminDisqualified)
                .map(g -> g.authorizedBy().displayName() + " <" + g.authorizedBy().email() + ">, who connected the "
                        + "broker, " + g.adminCheck().reason() + " (checked at " + g.adminCheck().checkedAt()
                        + "). Changes are stopped; reads go on. A Contact Center administrator must reconnect the "
                        + "broker at /setup."));
    }

    private static Optional<Grant> active(TokenRefresher refresher) {
        return refresher.grant();
    }

    private static Optional<Grant> usable(TokenRefresher refresher) {
        return refresher.grant().filter(g -> g.status() == GrantStatus.ACTIVE);
    }

    private static String lastError(TokenRefresher refresher) {
        return refresher.status().lastOutcome().filter(o -> o instanceof RefreshOutcome.Failed)
                .map(o -> " Last error seen by this node: " + ((RefreshOutcome.Failed) o).why() + ".").orElse("");
    }
}
