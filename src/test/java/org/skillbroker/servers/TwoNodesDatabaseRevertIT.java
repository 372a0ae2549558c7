package org.skillbroker.servers;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link TwoNodesRevertIT} with the shared state in a real PostgreSQL (pending reverts in {@code sb_revert}, the
 * revert leases in {@code sb_lease}, the audit in {@code sb_audit}): each due revert done exactly once by two
 * nodes, a node killed while it holds a revert's lease leaves it to the survivor, a revert stored before every
 * node was killed is done after the restart.
 */
class TwoNodesDatabaseRevertIT extends TwoNodesRevertIT {

    private DatabaseNodes database;

    @Override
    protected String name() {
        return "TwoNodesDatabaseRevertIT";
    }

    @Override
    protected void prepareStore(Map<String, String> settings) {
        database = new DatabaseNodes();
        database.settings(settings);
    }

    @Override
    protected void prepareNode(TomcatNode node) throws Exception {
        database.prepare(node);
    }

    @Override
    protected boolean pending(String changeId) {
        return database.revertPending(changeId);
    }

    @Override
    protected List<String> auditLines() {
        return database.auditLines();
    }

    @Override
    protected Optional<Long> leaseHolder(String name) {
        return database.holderPid(name);
    }
}
