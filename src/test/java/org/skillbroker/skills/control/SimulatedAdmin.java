package org.skillbroker.skills.control;

import org.skillbroker.budget.UpstreamGate;
import org.skillbroker.config.Datacenter;
import org.skillbroker.config.Secret;
import org.skillbroker.config.Settings;
import org.skillbroker.simulator.MutableClock;
import org.skillbroker.simulator.WebexSimulator;
import org.skillbroker.state.ClusterState;
import org.skillbroker.token.AdminCalls;
import org.skillbroker.token.Administrator;
import org.skillbroker.token.Grant;
import org.skillbroker.token.GrantKeeper;
import org.skillbroker.token.GrantStatus;
import org.skillbroker.token.RefreshPolicy;
import org.skillbroker.token.TokenRefresher;
import org.skillbroker.token.TokenSet;
import org.skillbroker.webex.OAuthClient;
import org.skillbroker.webex.TokenResponse;
import org.skillbroker.webex.WebexHttp;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;

/**
 * An admin connected to a started simulator, and the {@link AdminCalls} a node makes with that grant (kept in
 * the cluster state made for the simulator's org): what the control tests that talk to the simulator share.
 */
final class SimulatedAdmin implements AutoCloseable {

    private static final String SECRET = "control-test-secret";
    private static final String REDIRECT = "http://127.0.0.1/skill-broker/oauth/callback";

    final WebexSimulator sim;
    final Settings.Webex webex;
    final WebexHttp http;
    final AdminCalls admin;

    SimulatedAdmin(String clientId, Set<String> scopes, Function<String, ClusterState> stateForOrg,
                   MutableClock clock) throws Exception {
        sim = WebexSimulator.start();
        ClusterState state = stateForOrg.apply(sim.orgId());
        sim.setClock(clock);
        sim.registerClient(clientId, SECRET, REDIRECT);
        webex = new Settings.Webex(clientId, new Secret(SECRET), URI.create(REDIRECT), sim.orgId(), Datacenter.US1,
                scopes, sim.baseUri(), sim.baseUri());
        http = new WebexHttp(new Settings.Http(Duration.ofSeconds(5), Duration.ofSeconds(5)));
        OAuthClient oauth = new OAuthClient(http, webex);
        GrantKeeper keeper = new GrantKeeper(state.grant());
        TokenResponse first = oauth.exchangeCode(code(clientId, scopes), URI.create(REDIRECT), "unused");
        keeper.replace(new Grant(TokenSet.from(first, clock.instant(), null), sim.orgId(),
                new Administrator("p", "Ada", "ada@example.com"), clock.instant(), GrantStatus.ACTIVE, null, null, 0));
        TokenRefresher refresher = new TokenRefresher(keeper, oauth, state.leases(), Duration.ofSeconds(30),
                new RefreshPolicy(new Settings.Refresh(0.75, Duration.ofHours(24), Duration.ofSeconds(30),
                        Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofDays(14)), () -> 0.999), clock);
        admin = new AdminCalls(refresher, clock, pause -> { }, new UpstreamGate(state.budget(),
                new Settings.RateLimit(100_000, Duration.ofMinutes(1)), clock));
    }

    /** The admin's consent on the simulator's authorize page: the code it redirects back with. */
    private String code(String clientId, Set<String> scopes) throws Exception {
        String body = "response_type=code&client_id=" + clientId + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope="
                + URLEncoder.encode(String.join(" ", scopes), StandardCharsets.UTF_8)
                + "&state=s&user=admin&decision=accept";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        sim.baseUri().resolve("/v1/authorize")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return URI.create(response.headers().firstValue("Location").orElseThrow()).getQuery()
                .replaceAll(".*code=([^&]+).*", "$1");
    }

    @Override
    public void close() {
        sim.faults().clear();
        sim.switches().reset();
        http.close();
        sim.close();
    }
}
