package org.skillbroker.alert;

import org.skillbroker.token.AlertMark;
import org.skillbroker.token.TokenRefresher;

import java.util.Objects;
import java.util.Optional;

/**
 * The alert ledger kept in the grant: the grant is what all nodes share with a compare-and-save, under the
 * refresh lock. Without a grant there is nothing to alert about the grant, and nothing is sent.
 */
public final class GrantLedger implements AlertLedger {

    private final TokenRefresher refresher;

    public GrantLedger(TokenRefresher refresher) {
        this.refresher = Objects.requireNonNull(refresher, "refresher");
    }

    @Override
    public Optional<AlertMark> read(AlertKind kind) {
        return refresher.grant().map(g -> g.alertMarks().get(kind.slug()));
    }

    @Override
    public boolean replace(AlertKind kind, Optional<AlertMark> expected, AlertMark next) {
        return refresher.update(grant -> Optional.ofNullable(grant.alertMarks().get(kind.slug())).equals(expected)
                ? Optional.of(grant.withAlertMark(kind.slug(), next)) : Optional.empty()).isPresent();
    }
}
