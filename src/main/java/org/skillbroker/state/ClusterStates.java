package org.skillbroker.state;

import org.skillbroker.config.Settings;
import org.skillbroker.state.file.FileClusterState;
import org.skillbroker.state.jdbc.JdbcClusterState;
import org.skillbroker.token.Keyring;

import java.time.Clock;

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
}
