package org.skillbroker.servers;

import org.skillbroker.simulator.ServiceApps;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@link TwoNodesIT} with a Contact Center Service App's grant instead of the administrator's own: the admin's
 * clicks at /setup are the same, the broker then keeps the app's tokens, and the same kills (one between
 * refreshes, one holding the refresh lease) leave the survivor serving and refreshing with the app's credentials.
 */
class TwoNodesServiceAppIT extends TwoNodesIT {

    @Override
    protected String name() {
        return "TwoNodesServiceAppIT";
    }

    @Override
    protected void prepareStore(Path scratch, Map<String, String> settings) throws Exception {
        super.prepareStore(scratch, settings);
        ServiceApps.ServiceApp app = sim.createServiceApp("Skill Broker two nodes");
        sim.authorizeServiceApp(app, true);
        settings.put("skillbroker.service-app.application-id", app.applicationId());
        settings.put("skillbroker.service-app.client-id", app.clientId());
        settings.put("skillbroker.service-app.client-secret", app.clientSecret());
    }
}
