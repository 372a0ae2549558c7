package org.skillbroker.servers;

import org.skillbroker.it.Health;
import org.skillbroker.state.jdbc.Postgres;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@link TwoNodesIT} with the shared state in a real PostgreSQL, reached by each Tomcat through the
 * {@code <Resource>} documented in tomcat-config/context.xml (the driver in CATALINA_BASE/lib, never in the WAR):
 * the same kills (one between refreshes, one holding the refresh lease), plus a database restart while the
 * client sends changes.
 */
class TwoNodesDatabaseIT extends TwoNodesIT {

    private DatabaseNodes database;

    @Override
    protected String name() {
        return "TwoNodesDatabaseIT";
    }

    @Override
    protected void prepareStore(Path scratch, Map<String, String> settings) {
        database = new DatabaseNodes();
        database.settings(settings);
    }

    @Override
    protected void prepareNode(TomcatNode node) throws Exception {
        database.prepare(node);
    }

    @Override
    protected Optional<Long> refreshLeaseHolder(Path storeDir) {
        return database.holderPid("refresh");
    }

    @Override
    protected StoreWatcher watcher(Path storeDir) {
        return new StoreWatcher(database.reader(storeDir, sim.orgId()).grant());
    }

    /**
     * Restarts PostgreSQL right after a refresh, while the client keeps sending changes: both nodes notice
     * (their /health names the outage), and go on when it is back.
     */
    @Override
    protected boolean disturbsStore() {
        return true;
    }

    @Override
    protected void disturbStore() throws Exception {
        Postgres pg = Postgres.shared();
        outageFrom = java.time.Instant.now();
        pg.stop();
        try {
            for (int port : PORTS) {
                Poll.until(() -> !Health.at("http://127.0.0.1:" + port + "/skill-broker").data("token-store", "outage")
                        .isEmpty(), Duration.ofSeconds(10), "node on " + port + " reports the outage");
            }
        } finally {
            pg.startServer();
        }
        for (int port : PORTS) {
            Poll.until(() -> "UP".equals(Health.at("http://127.0.0.1:" + port + "/skill-broker").status()),
                    Duration.ofSeconds(15), "node on " + port + " back after the restart");
        }
        outageTo = java.time.Instant.now();
        events.add("database down " + outageFrom + " .. nodes UP again " + outageTo);
    }
}
