package org.skillbroker.state;

import org.skillbroker.token.Grant;

import java.util.Optional;

/**
 * Moves the shared state from one store to another, once, at start: switching from the file directory to a
 * database (or back) is then one setting, {@code skillbroker.store.import-from}, naming the old store. The grant
 * (re-encrypted under the current primary key) moves only if the new store has none, so a restart with the
 * setting still there never overwrites a newer grant; pending reverts move unless the new store has one of the
 * same id. The old store is left as it was (remove it once the new one works). The audit trail does not move:
 * the old one stays where it is, for the record.
 */
public final class StoreImport {

    private static final System.Logger LOG = System.getLogger(StoreImport.class.getName());

    private StoreImport() {
    }

    /** What an import did, for the log and the status page. */
    public record Result(String source, boolean grantMoved, int revertsMoved, Optional<String> problem) {
        public String describe() {
            return problem.map(p -> "import from " + source + " failed: " + p)
                    .orElse("imported from " + source + ": " + (grantMoved ? "the grant" : "no grant (none there, "
                            + "or this store already had one)") + " and " + revertsMoved + " pending revert(s)");
        }
    }

    public static Result run(ClusterState from, ClusterState to) {
        String source = from.description();
        try {
            boolean grantMoved = false;
            Optional<Grant> grant = from.grant().load();
            if (grant.isPresent() && to.grant().load().isEmpty()) {
                grantMoved = to.grant().compareAndSave(GrantSlot.NO_GRANT, grant.get(), Optional.empty());
            }
            int reverts = 0;
            for (PendingRevert revert : from.reverts().list()) {
                if (to.reverts().get(revert.id()).isEmpty()) {
                    to.reverts().put(revert);
                    reverts++;
                }
            }
            Result result = new Result(source, grantMoved, reverts, Optional.empty());
            LOG.log(System.Logger.Level.INFO, "Store import: {0}", result.describe());
            return result;
        } catch (StoreException | StoreUnavailableException e) {
            Result result = new Result(source, false, 0, Optional.of(e.getMessage()));
            LOG.log(System.Logger.Level.ERROR, "Store import: {0}", result.describe());
            return result;
        }
    }
}
