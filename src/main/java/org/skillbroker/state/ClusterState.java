package org.skillbroker.state;

import java.util.Optional;

/**
 * The one port for what broker nodes share: the encrypted grant, leases, pending reverts, the audit trail and
 * the Contact Center call budget. Two implementations stand behind it, chosen once at start: a directory
 * ({@code org.skillbroker.state.file}, the default) and a database reached through the container's DataSource
 * ({@code org.skillbroker.state.jdbc}). No capability touches files or SQL itself.
 *
 * <p>Every method may throw {@link StoreUnavailableException} when the backing store cannot be reached (a
 * database outage); callers that can go on without it (reads from memory) do, writes answer 503.
 */
public interface ClusterState extends AutoCloseable {

    GrantSlot grant();

    Leases leases();

    PendingReverts reverts();

    AuditLog audit();

    CallBudget budget();

    /** Which store is in use, for admins: "file directory /var/lib/skill-broker" or "database java:comp/env/...". */
    String description();

    /** Why the store cannot be reached right now, if so (for {@code /health} and the status page). */
    Optional<String> outage();

    @Override
    void close();
}
