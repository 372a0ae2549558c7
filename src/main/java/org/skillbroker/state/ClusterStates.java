package org.skillbroker.state;

import org.skillbroker.config.Settings;
import org.skillbroker.state.file.FileClusterState;
import org.skillbroker.state.jdbc.JdbcClusterState;
import org.skillbroker.token.Keyring;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** Opens the configured {@link ClusterState}: the database when {@code skillbroker.store.datasource} is set, else the directory. */
public final class ClusterStates {

    private ClusterStates() {
    }

    /**
     * @throws IllegalArgumentException if the DataSource is not found or the database holds a newer schema
     *                                  (a configuration problem of {@code skillbroker.store.datasource})
     */
    public static ClusterState open(Settings settings, Keyring keyring, Clock clock) {
        Settings.Store store = settings.store();
        String org = settings.webex().orgId();
        if (store.datasource().isPresent()) {
            String name = store.datasource().get();
            try {
                return new JdbcClusterState(JdbcClusterState.lookup(name), name, keyring, org, clock);
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        Settings.Api api = settings.api();
        return new FileClusterState(store.dir(), keyring, org, api.auditFile(), api.auditMaxBytes(),
                api.auditRotatedFiles(), clock);
    }

    /**
     * The store named by {@code skillbroker.store.import-from}, to move the grant and pending reverts from: a JNDI
     * name ({@code java:...}) for a database, else a store directory. Its audit is not opened (it does not move).
     */
    public static ClusterState openSource(String importFrom, Settings settings, Keyring keyring, Clock clock) {
        String org = settings.webex().orgId();
        if (importFrom.startsWith("java:")) {
            try {
                return new JdbcClusterState(JdbcClusterState.lookup(importFrom), importFrom, keyring, org, clock);
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return new FileClusterState(Path.of(importFrom), keyring, org, Optional.empty(), 1 << 20, 0, clock);
    }
}
