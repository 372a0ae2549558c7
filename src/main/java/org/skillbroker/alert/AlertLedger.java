package org.skillbroker.alert;

import org.skillbroker.token.AlertMark;

import java.util.Optional;

/**
 * Which alerts are firing and when each was last sent, shared by every node: the compare-and-replace decides
 * which node sends, so two nodes never both send the same alert.
 */
public interface AlertLedger {

    Optional<AlertMark> read(AlertKind kind);

    /**
     * Replaces the mark if it is still {@code expected} (empty: there was none).
     *
     * @return false when another node changed it first (that node sends, this one does not), or when it could
     *         not be stored
     */
    boolean replace(AlertKind kind, Optional<AlertMark> expected, AlertMark next);
}
