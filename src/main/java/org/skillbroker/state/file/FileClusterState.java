package org.skillbroker.state.file;

import org.skillbroker.state.ClusterStateParts;
import org.skillbroker.token.Keyring;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Cluster state in a directory, the default: {@code grant.enc}, {@code leases.slots}, {@code budget.json} and
 * {@code reverts/}, all changed under the one OS lock on {@code grant.lock}, plus the audit file (by default
 * {@code audit.log} in the same directory, rotated by size). Two nodes share it on a local disk or a shared
 * volume whose locks work (see docs/deploy.md).
 */
public final class FileClusterState extends ClusterStateParts {

    private static final Duration LOCK_WAIT = Duration.ofSeconds(10);

    private final Path directory;
    private final StoreLock lock;

    /**
     * @param auditFile    the audit file, or empty to keep the trail in memory only
     * @param auditMaxBytes the audit file's size at which it is rotated
     * @param auditRotated how many rotated audit files are kept
     */
    public FileClusterState(Path directory, Keyring keyring, String orgId, Optional<Path> auditFile,
                            long auditMaxBytes, int auditRotated, Clock clock) {
        this(directory, new StoreLock(directory), keyring, orgId, auditFile, auditMaxBytes, auditRotated, clock);
    }

    /**
     * Every part but the audit (which has a lock of its own) changes the directory under the one {@code lock}, whose
     * channel stays open until {@link #close()}.
     */
    private FileClusterState(Path directory, StoreLock lock, Keyring keyring, String orgId, Optional<Path> auditFile,
                             long auditMaxBytes, int auditRotated, Clock clock) {
        super(new GrantStore(directory, lock, keyring, orgId, clock), new FileLeases(directory, lock, clock, LOCK_WAIT),
                new FileReverts(directory, lock, LOCK_WAIT), new FileAudit(auditFile, auditMaxBytes, auditRotated),
                new FileBudget(directory, lock, LOCK_WAIT));
        this.directory = directory;
        this.lock = lock;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public String description() {
        return "file directory " + directory;
    }

    @Override
    public Optional<String> outage() {
        return Optional.empty();
    }

    /**
     * Also closes the files kept open between calls: the lock file's channel (shared by the grant, the leases, the
     * reverts and the budget) and the lease file's. Nothing is left open after an undeploy.
     */
    @Override
    public void close() {
        super.close();
        lock.close();
    }
}
