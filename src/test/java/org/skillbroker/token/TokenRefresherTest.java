package org.skillbroker.token;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skillbroker.config.Datacenter;
import org.skillbroker.config.Secret;
import org.skillbroker.config.Settings;
import org.skillbroker.simulator.Fault;
import org.skillbroker.simulator.MutableClock;
import org.skillbroker.simulator.WebexSimulator;
import org.skillbroker.state.StoreUnreadableException;
import org.skillbroker.state.file.GrantStore;
import org.skillbroker.webex.OAuthClient;
import org.skillbroker.webex.TokenResponse;
import org.skillbroker.webex.WebexHttp;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The refresher against the real Webex simulator and a real encrypted store; time moves by hand. */
class TokenRefresherTest {

    private static final String CLIENT_ID = "refresher-test";
    private static final String SECRET = "refresher-test-secret";
    private static final String REDIRECT = "http://127.0.0.1/skill-broker/oauth/callback";
    private static final Set<String> SCOPES = Set.of("cjp:config_read", "cjp:config_write", "spark:people_read");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T08:00:00Z"));
    private WebexSimulator sim;
    private WebexHttp http;
    private OAuthClient oauth;
    private GrantStore store;
    private GrantKeeper keeper;
    private TokenRefresher refresher;

    private static final Duration LEASE_TTL = Duration.ofSeconds(30);

    /** The leases of the store directory, as another node sharing it sees them. */
    private org.skillbroker.state.Leases leases() {
        return new org.skillbroker.state.file.FileClusterState(dir.resolve("store"), Keyring.of("k1", new byte[32]),
                sim.orgId(), java.util.Optional.empty(), 1 << 20, 0, clock).leases();
    }

    @BeforeEach
    void setUp() throws Exception {
        sim = WebexSimulator.start();
        sim.setClock(clock);
        sim.registerClient(CLIENT_ID, SECRET, REDIRECT);
        Settings.Webex webex = new Settings.Webex(CLIENT_ID, new Secret(SECRET), URI.create(REDIRECT),
                sim.orgId(), Datacenter.US1, SCOPES, sim.baseUri(), sim.baseUri());
        http = new WebexHttp(new Settings.Http(Duration.ofSeconds(2), Duration.ofSeconds(2)));
        oauth = new OAuthClient(http, webex);
        store = new GrantStore(dir.resolve("store"), Keyring.of("k1", new byte[32]), sim.orgId(), clock);
        keeper = new GrantKeeper(store);
        refresher = new TokenRefresher(keeper, oauth, leases(), LEASE_TTL,
                new RefreshPolicy(org.skillbroker.token.RefreshPolicyTest.SETTINGS, () -> 0.999), clock);
        TokenResponse first = oauth.exchangeCode(authorizationCode(), URI.create(REDIRECT), "unused");
        Grant grant = new Grant(TokenSet.from(first, clock.instant(), null), sim.orgId(),
                new Administrator("p", "Ada", "ada@example.com"), clock.instant(), GrantStatus.ACTIVE, null, null, 0);
        keeper.replace(grant);
        sim.resetCounters();
    }

    @AfterEach
    void tearDown() {
        http.close();
        sim.close();
    }

    /** The admin's consent at the simulator, without a browser: POST the sign-in form, read the code. */
    private String authorizationCode() throws Exception {
        Map<String, String> form = Map.of("response_type", "code", "client_id", CLIENT_ID, "redirect_uri", REDIRECT,
                "scope", String.join(" ", SCOPES), "state", "s", "user", "admin", "decision", "accept");
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(sim.baseUri().resolve("/v1/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = response.headers().firstValue("Location").orElseThrow();
        return URI.create(location).getQuery().replaceAll(".*code=([^&]+).*", "$1");
    }

    private int refreshCalls() {
        return sim.count("POST", "/v1/access_token");
    }

    private Grant stored() throws StoreUnreadableException {
        return store.load().orElseThrow();
    }

    @Test
    void notDueBeforeThreeQuartersOfTheLifetime() {
        clock.advance(Duration.ofHours(8));

        assertInstanceOf(RefreshOutcome.NotDue.class, refresher.refreshDue());
        assertEquals(0, refreshCalls());
    }

    @Test
    void refreshWhenDueStoresNewTokensAndKeepsTheRefreshToken() throws Exception {
        Grant before = stored();
        clock.advance(Duration.ofHours(9).plusMinutes(1));

        RefreshOutcome outcome = refresher.refreshDue();

        assertInstanceOf(RefreshOutcome.Refreshed.class, outcome);
        assertEquals(1, refreshCalls());
        Grant after = stored();
        assertNotEquals(before.tokens().accessToken(), after.tokens().accessToken());
        assertEquals(before.tokens().refreshToken(), after.tokens().refreshToken(), "Webex keeps the refresh token");
        assertEquals(clock.instant().plusSeconds(43199), after.tokens().accessTokenExpiresAt());
        assertEquals(before.generation() + 1, after.generation());
        assertEquals(after, keeper.current().orElseThrow());
        assertInstanceOf(RefreshOutcome.NotDue.class, refresher.refreshDue(), "next one is 9 h away");
    }

    @Test
    void failuresBackOffExponentiallyAndRecover() {
        sim.faults().on("POST", "/v1/access_token", Fault.status(500), 3);
        clock.advance(Duration.ofHours(10));

        RefreshOutcome.Failed first = assertInstanceOf(RefreshOutcome.Failed.class, refresher.refreshDue());
        assertEquals(1, refreshCalls());
        assertTrue(first.retryAt().isAfter(clock.instant()));
        assertInstanceOf(RefreshOutcome.Failed.class, refresher.refreshDue(), "waits for the backoff");
        assertEquals(1, refreshCalls(), "no call before the retry time");

        List<Duration> waits = new ArrayList<>();
        Instant previous = clock.instant();
        for (int attempt = 2; attempt <= 3; attempt++) {
            Instant retryAt = ((RefreshOutcome.Failed) refresher.status().lastOutcome().orElseThrow()).retryAt();
            waits.add(Duration.between(previous, retryAt));
            clock.advance(Duration.between(clock.instant(), retryAt));
            previous = clock.instant();
            assertInstanceOf(RefreshOutcome.Failed.class, refresher.refreshDue());
            assertEquals(attempt, refreshCalls());
        }
        Instant retryAt = ((RefreshOutcome.Failed) refresher.status().lastOutcome().orElseThrow()).retryAt();
        waits.add(Duration.between(previous, retryAt));
        assertTrue(waits.get(1).compareTo(waits.get(0)) > 0 && waits.get(2).compareTo(waits.get(1)) > 0,
                "growing waits: " + waits);
        assertEquals(3, refresher.status().consecutiveFailures());

        clock.advance(Duration.between(clock.instant(), retryAt));
        assertInstanceOf(RefreshOutcome.Refreshed.class, refresher.refreshDue());
        assertEquals(0, refresher.status().consecutiveFailures());
    }

    @Test
    void rateLimitWaitsAtLeastRetryAfter() {
        sim.faults().on("POST", "/v1/access_token", Fault.rateLimited(600), 1);
        clock.advance(Duration.ofHours(10));

        RefreshOutcome.Failed failed = assertInstanceOf(RefreshOutcome.Failed.class, refresher.refreshDue());

        assertTrue(!failed.retryAt().isBefore(clock.instant().plusSeconds(600)), failed.describe());
    }

    @Test
    void invalidGrantKeepsTheGrantAndMarksItForReauthorisation() throws Exception {
        sim.revokeGrants();
        clock.advance(Duration.ofHours(10));

        assertInstanceOf(RefreshOutcome.ReauthorizationRequired.class, refresher.refreshDue());

        assertTrue(Files.exists(store.file()), "kept for inspection");
        assertEquals(GrantStatus.REAUTHORIZATION_REQUIRED, stored().status());
        assertTrue(stored().lastRefreshOutcome().contains("invalid_grant"));
        GrantUnavailableException e = assertThrows(GrantUnavailableException.class, refresher::accessToken);
        assertEquals(GrantUnavailableException.Reason.REAUTHORIZATION_REQUIRED, e.reason());
        clock.advance(Duration.ofHours(10));
        assertInstanceOf(RefreshOutcome.ReauthorizationRequired.class, refresher.refreshDue());
        assertEquals(1, refreshCalls(), "no more calls once Webex said invalid_grant");
    }

    @Test
    void aReconnectAfterInvalidGrantClearsTheOldOutcome() throws Exception {
        sim.revokeGrants();
        clock.advance(Duration.ofHours(10));
        assertInstanceOf(RefreshOutcome.ReauthorizationRequired.class, refresher.refreshDue());
        assertTrue(refresher.status().lastOutcome().isPresent());
        clock.advance(Duration.ofMinutes(5));

        // An admin connects again: a new grant replaces the refused one (what the callback does).
        TokenResponse fresh = oauth.exchangeCode(authorizationCode(), URI.create(REDIRECT), "unused");
        keeper.replace(new Grant(TokenSet.from(fresh, clock.instant(), null), sim.orgId(),
                new Administrator("p", "Ada", "ada@example.com"), clock.instant(), GrantStatus.ACTIVE, null, null,
                stored().generation() + 1));

        RefreshStatus status = refresher.status();
        assertTrue(status.lastOutcome().isEmpty(), "the refused grant's invalid_grant is not the new grant's: " + status);
        assertTrue(status.lastAttemptAt().isEmpty());
        assertEquals(0, status.consecutiveFailures());
        assertTrue(status.nextAttemptAt().isPresent(), "the new grant's refresh is scheduled");
    }

    @Test
    void anUnchangedAnswerWithin24HoursIsNotAFailure() {
        sim.setRefreshReturnsUnchangedWithin(Duration.ofHours(24));
        clock.advance(Duration.ofHours(10));

        assertInstanceOf(RefreshOutcome.Refreshed.class, refresher.refreshDue());
        assertEquals(0, refresher.status().consecutiveFailures());
    }

    @Test
    void requestsThatFindTheTokenExpiredShareOneRefresh() throws Exception {
        clock.advance(Duration.ofHours(13));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(refresher::accessToken);
            }
            Set<String> tokens = new java.util.HashSet<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                tokens.add(f.get());
            }
            assertEquals(1, tokens.size());
            assertEquals(1, refreshCalls());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRejectionOfAnAlreadyReplacedTokenDoesNotRefreshAgain() {
        String old = refresher.accessToken();
        assertInstanceOf(RefreshOutcome.Refreshed.class, refresher.refreshAfterRejection(old));
        assertInstanceOf(RefreshOutcome.RefreshedElsewhere.class, refresher.refreshAfterRejection(old));
        assertEquals(1, refreshCalls());
    }

    @Test
    void anUnwritableStoreKeepsTheNewGrantInMemoryAndWritesItLater() throws Exception {
        Path storeDir = dir.resolve("store");
        Path aside = dir.resolve("aside");
        Files.move(storeDir, aside);
        Files.writeString(storeDir, "not a directory");
        clock.advance(Duration.ofHours(10));
        // due, but 2 of 12 hours left: without the lease another node may be refreshing, so wait for the store
        assertInstanceOf(RefreshOutcome.Failed.class, refresher.refreshDue());
        assertEquals(0, refreshCalls());
        clock.advance(Duration.ofHours(1)); // the last eighth: refresh without the lease rather than expire

        assertInstanceOf(RefreshOutcome.Refreshed.class, refresher.refreshDue());
        assertTrue(keeper.writeFailure().isPresent());
        String fresh = refresher.accessToken();

        Files.delete(storeDir);
        Files.move(aside, storeDir);
        refresher.refreshDue();

        assertTrue(keeper.writeFailure().isEmpty());
        assertEquals(fresh, stored().tokens().accessToken());
    }

    @Test
    void anotherNodesRefreshIsPickedUpWithoutCallingWebex() throws Exception {
        GrantKeeper otherNode = new GrantKeeper(new GrantStore(dir.resolve("store"), Keyring.of("k1", new byte[32]),
                sim.orgId(), clock));
        otherNode.reload();
        TokenRefresher otherRefresher = new TokenRefresher(otherNode, oauth, leases(), LEASE_TTL,
                new RefreshPolicy(org.skillbroker.token.RefreshPolicyTest.SETTINGS, () -> 0.999), clock);
        clock.advance(Duration.ofHours(10));

        assertInstanceOf(RefreshOutcome.Refreshed.class, otherRefresher.refreshDue());
        RefreshOutcome mine = refresher.refreshDue();

        assertInstanceOf(RefreshOutcome.NotDue.class, mine, mine.describe());
        assertEquals(1, refreshCalls(), "exactly one refresh for both nodes");
        assertEquals(otherNode.current().orElseThrow().tokens().accessToken(), refresher.accessToken());
    }

    @Test
    void whileTheRefresherBacksOffAnExpiredTokenIsRefusedWithoutCallingTheTokenEndpoint() {
        sim.faults().on("POST", "/v1/access_token", Fault.rateLimited(3600), 1);
        clock.advance(Duration.ofMinutes(11 * 60 + 30));
        RefreshOutcome.Failed failed = assertInstanceOf(RefreshOutcome.Failed.class, refresher.refreshDue());
        clock.advance(Duration.ofMinutes(45)); // the access token (12 h) has expired; the retry is not due yet
        if (!clock.instant().isBefore(failed.retryAt())) {
            throw new AssertionError("the test needs a backoff longer than the step: " + failed.retryAt());
        }
        int calls = sim.count("POST", "/v1/access_token");

        GrantUnavailableException refused = assertThrows(GrantUnavailableException.class, refresher::accessToken);
        assertEquals(GrantUnavailableException.Reason.EXPIRED, refused.reason());
        assertEquals(Duration.between(clock.instant(), failed.retryAt()), refused.retryAfter().orElseThrow());
        assertEquals(calls, sim.count("POST", "/v1/access_token"), "no call to the token endpoint in between");
        sim.faults().clear();
    }

    @Test
    void aTokenAnswerWithoutScopeIsNotTakenToHoldTheRequestedScopes() throws Exception {
        sim.tokenAnswersOmitScope(true);
        TokenResponse answer = oauth.exchangeCode(authorizationCode(), URI.create(REDIRECT), "unused");
        TokenSet tokens = TokenSet.from(answer, clock.instant(), null);
        assertEquals(Set.of(), tokens.scopes());
        assertTrue(!tokens.scopesKnown());
        TokenSet known = keeper.current().orElseThrow().tokens();
        assertEquals(known.scopes(), TokenSet.from(answer, clock.instant(), known).scopes(),
                "a refresh without scope keeps what was known");
    }
}
