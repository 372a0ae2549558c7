package org.skillbroker.state.file;

import org.skillbroker.state.AuditLog;
import org.skillbroker.state.CallBudget;
import org.skillbroker.state.ClusterState;
import org.skillbroker.state.GrantSlot;
import org.skillbroker.state.Leases;
import org.skillbroker.state.PendingReverts;
import org.skillbroker.token.Keyring;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Cluster state in a directory, the default: {@code grant.enc}, {@code leases.json}, {@code budget.json} and
 * {@code reverts/}, all changed under the one OS lock on {@code grant.lock}, plus the audit file (by default
 * {@code audit.log} in the same directory, rotated by size). Two nodes share it on a local disk or a shared
 * volume whose locks work (see docs/deploy.md).
 */
public final class FileClusterState implements ClusterState {

    private static final Duration LOCK_WAIT = Duration.ofSeconds(10);

    private final Path directory;
    private final GrantStore grant;
    private final FileLeases leases;
    private final FileReverts reverts;
    private final FileAudit audit;
    private final FileBudget budget;

    /**
     * @param auditFile    the audit file, or empty to keep the trail in memory only
     * @param auditMaxBytes the audit file's size at which it is rotated
     * @param auditRotated how many rotated audit files are kept
     */
    public FileClusterState(Path directory, Keyring keyring, String orgId, Optional<Path> auditFile,
                            long auditMaxBytes, int auditRotated, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        StoreLock lock = new StoreLock(directory);
        this.grant = new GrantStore(directory, keyring, orgId, clock);
        this.leases = new FileLeases(directory, lock, clock, LOCK_WAIT);
        this.reverts = new FileReverts(directory, lock, LOCK_WAIT);
        this.audit = new FileAudit(auditFile, auditMaxBytes, auditRotated);
        this.budget = new FileBudget(directory, lock, LOCK_WAIT);
    }

    public Path directory() {
        return directory;
    }

    @Override
    public GrantSlot grant() {
        return grant;
    }

    @Override
    public Leases leases() {
        return leases;
    }

    @Override
    public PendingReverts reverts() {
        return reverts;
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    @Override
    public CallBudget budget() {
        return budget;
    }

    @Override
    public String description() {
        return "file directory " + directory;
    }

    @Override
    public Optional<String> outage() {
        return Optional.empty();
    }

    @Override
    public void close() {
        // no OS lock is held between calls; only the lease renewal thread runs
        leases.close();
    }
}
