package org.skillbroker.alert;

import java.time.Instant;
import java.util.Optional;

/** Looks at shared state and says whether a condition holds, with words for the operator (never a secret). */
@FunctionalInterface
public interface ConditionProbe {
    Optional<String> check(Instant now);
}
