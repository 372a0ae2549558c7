package org.skillbroker.simulator;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local, in-memory Webex: OAuth + People ({@code /v1/...}) and Contact Center config ({@code /organization/...})
 * on one loopback port, with a Java control API (and {@code /_sim/} over HTTP) to move time, inject faults and
 * inspect what was received. Facts it imitates are in docs/webex-api.md.
 */
public final class WebexSimulator implements AutoCloseable {

    static {
        // The JDK server writes headers and body separately; with Nagle on, the client's delayed ACK adds ~40 ms
        // to every response. The property is read once, when the first HttpServer of the JVM is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final SimClock clock = new SimClock();
    private final Directory directory = new Directory();
    private final Clients clients = new Clients();
    private final Tokens tokens = new Tokens(clock);
    private final SkillCatalog catalog = new SkillCatalog();
    private final SkillProfileStore profiles = new SkillProfileStore(clock, catalog);
    private final RateLimiter rateLimiter = new RateLimiter(clock);
    private final Counters counters = new Counters();
    private final Faults faults = new Faults();
    private final SimSwitches switches = new SimSwitches();
    private final Messaging messaging = new Messaging(clock);
    private final ServiceApps serviceApps = new ServiceApps(tokens, clients);
    private final Seed seed;
    private final Router router;
    private final HttpServer server;
    private final ExecutorService executor;
    private volatile boolean desktopLacksPeopleRead;
    private volatile Set<String> withheldScopes = Set.of();
    private volatile boolean omitScope;

    private WebexSimulator(int port) {
        seed = new Seed(directory, catalog, profiles, clock.now().toEpochMilli());
        router = new Router(counters, faults, clock);
        CcGate gate = new CcGate(tokens, rateLimiter, switches);
        new OAuthEndpoints(clients, tokens, directory, this::withheldScopes, () -> omitScope).register(router);
        new PeopleEndpoints(tokens).register(router);
        new AuthorizationsEndpoints(tokens, directory).register(router);
        new ContactCenterUsers(gate, directory, catalog, profiles, switches, clock).register(router);
        new Skills(gate, catalog).register(router);
        new SkillProfiles(gate, profiles, directory, switches).register(router);
        new Teams(gate, directory).register(router);
        messaging.register(router);
        serviceApps.register(router);
        new ControlEndpoints(this).register(router);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the Webex simulator to port " + port, e);
        }
        // A pool, not the default single thread: a delayed answer must not hold up other requests.
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "webex-sim-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", router);
        server.start();
    }

    /** Starts on an ephemeral port. */
    public static WebexSimulator start() {
        return new WebexSimulator(0);
    }

    public static WebexSimulator start(int port) {
        return new WebexSimulator(port);
    }

    /** {@code http://127.0.0.1:<port>}: the base of both the Webex REST API and the CC API. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- integrations ----

    /** Registers an integration; call again with the same id to allow further redirect URIs. */
    public void registerClient(String clientId, String clientSecret, String redirectUri) {
        clients.register(clientId, clientSecret, redirectUri);
    }

    // ---- seeded directory ----

    public SimUser admin() {
        return seededUser("admin");
    }

    public SimUser supervisor() {
        return seededUser("supervisor");
    }

    public SimUser allTeamsSupervisor() {
        return seededUser("all-teams-supervisor");
    }

    public SimUser agent() {
        return seededUser("agent");
    }

    /** Agent in team B whose own skill profile is "Spanish Desk". */
    public SimUser agentB() {
        return seededUser("agent-b");
    }

    public SimUser otherOrgAdmin() {
        return seededUser("other-org-admin");
    }

    public SimUser notInContactCenter() {
        return seededUser("not-in-cc");
    }

    /** Another Contact Center administrator of the org (for a reconnect by a different admin); idempotent. */
    public SimUser addAdministrator(String key, String email, String displayName) {
        return directory.user(key).orElseGet(() -> {
            SimUser user = new SimUser(key, Ids.seedUuid("person:" + key), Seed.ORG_A, email, displayName,
                    Ids.seedUuid("cc-user:" + key), "ADMINISTRATOR", "ALL", List.of(), List.of());
            directory.addUser(user);
            return user;
        });
    }

    /** The refresh tokens of this person that still work (the Authorizations API's view). */
    public List<String> liveRefreshTokens(SimUser user) {
        return tokens.grantsOf(user).stream().map(r -> r.value).toList();
    }

    public Optional<SimUser> user(String key) {
        return directory.user(key);
    }

    public List<SimUser> users() {
        return directory.users();
    }

    public String orgId() {
        return Seed.ORG_A;
    }

    public String otherOrgId() {
        return Seed.ORG_B;
    }

    public String teamA() {
        return Seed.TEAM_A;
    }

    public String teamB() {
        return Seed.TEAM_B;
    }

    // ---- tokens ----

    /**
     * A token like the Agent Desktop's {@code STORE.auth.accessToken}: {@code cjp:config_read} and, unless
     * {@link #desktopTokensLackPeopleRead(boolean)}, {@code spark:people_read}; never {@code cjp:config_write}
     * (webex-api.md §4.1). It belongs to the Desktop's own client id.
     */
    public String issueDesktopToken(SimUser user) {
        Set<String> scopes = new LinkedHashSet<>(List.of(CcGate.READ));
        if (!desktopLacksPeopleRead) {
            scopes.add(PeopleEndpoints.PEOPLE_READ);
        }
        return tokens.newAccessToken(Tokens.DESKTOP_CLIENT_ID, user, scopes).value;
    }

    /** An integration's access token (read, write, people) for {@code user}, as if issued to {@code clientId}. */
    public String issueIntegrationToken(String clientId, SimUser user) {
        return tokens.newAccessToken(clientId, user, Set.of(CcGate.READ, CcGate.WRITE, PeopleEndpoints.PEOPLE_READ))
                .value;
    }

    public void desktopTokensLackPeopleRead(boolean lack) {
        desktopLacksPeopleRead = lack;
    }

    /** Default 43199 s, as observed for CC integrations. Applies to tokens issued afterwards. */
    public void setAccessTokenLifetime(Duration d) {
        tokens.setAccessLifetime(d);
    }

    /** Default 60 days. Applies to refresh tokens issued afterwards. */
    public void setRefreshTokenLifetime(Duration d) {
        tokens.setRefreshLifetime(d);
    }

    /** A refresh within this time of the previous one returns the previous values unchanged (default ZERO). */
    public void setRefreshReturnsUnchangedWithin(Duration d) {
        tokens.setUnchangedWithin(d);
    }

    /** Default false: a refresh returns the same refresh token, its expiry not reset (webex-api.md §1.6). */
    public void rotateRefreshTokens(boolean rotate) {
        tokens.setRotate(rotate);
    }

    /**
     * Whether token answers leave out {@code scope}. Login with Webex lists it in the answer, but RFC 6749 §5.1
     * makes it optional when the grant equals the request, so the broker must cope with both (default: sent).
     */
    public void tokenAnswersOmitScope(boolean omit) {
        omitScope = omit;
    }

    /**
     * Whether this refresh token still works at the token endpoint (for tests of revocation): a refresh with it
     * would be answered, not refused with invalid_grant.
     */
    public boolean refreshTokenUsable(String refreshToken, String clientId) {
        return tokens.usableRefreshToken(refreshToken, clientId).isPresent();
    }

    /** Every refresh token issued so far is revoked: the next refresh gets 400 invalid_grant. */
    public void revokeGrants() {
        tokens.revokeGrants();
    }

    /** This one access token (e.g. a supervisor's Desktop token) is revoked: calls with it get 401. */
    public void revokeAccessToken(String token) {
        tokens.accessToken(token).ifPresent(t -> t.expired = true);
    }

    /** Every access token issued so far (including Desktop tokens) is expired: calls get 401. */
    public void expireAccessTokens() {
        tokens.expireAccessTokens();
    }

    /** All expiry and rate-limit arithmetic uses this clock. */
    public void setClock(Clock clock) {
        this.clock.set(clock);
    }

    /**
     * From now on every Contact Center request is checked before it is handled (a violation is refused with 400)
     * and every answer after; violations are kept until {@link #drainContractViolations()}.
     */
    public void checkContract(ContractCheck check) {
        router.contract(check);
    }

    /** The contract violations seen since the last call (each names the operation and the field). */
    public List<String> drainContractViolations() {
        return router.drainViolations();
    }

    /** What the simulator does where Cisco publishes nothing; see {@link SimSwitches}. */
    public SimSwitches switches() {
        return switches;
    }

    /**
     * Adds (or replaces, by key) a Contact Center user of org A with its own user profile, e.g. a supervisor whose
     * {@code accessAllTeams} is NONE or who is inactive.
     */
    public SimUser putUser(SimUser user) {
        directory.addUser(user);
        return user;
    }

    /** Adds an active STANDARD_AGENT of org A in these teams (a test's extra agents; {@link #removeUser} after). */
    public SimUser addAgent(String key, String displayName, List<String> teamIds) {
        String email = key + "@org-a.example";
        return putUser(new SimUser(key, Ids.seedUuid("person:" + key), Seed.ORG_A, email, displayName,
                Ids.seedUuid("cc-user:" + key), "STANDARD_AGENT", "SPECIFIC", List.of(), teamIds));
    }

    public void removeUser(String key) {
        directory.removeUser(key);
    }

    public void clearDynamicSkills(SimUser user) {
        directory.dynamicSkills(user).forEach(s -> directory.removeDynamicSkill(user, s.getString("skillId")));
    }

    /** The id of an enum skill's value, as Contact Center's SkillDTO lists it. */
    public String enumValueId(String skillId, String valueName) {
        return catalog.skill(Seed.ORG_A, skillId).orElseThrow().enumValues().stream()
                .filter(v -> v.name().equals(valueName)).findFirst().orElseThrow().id();
    }

    /** Gives the agent a dynamic skill as Contact Center would list it (AssignedDynamicSkillsDTO), e.g. odd values. */
    public void putDynamicSkill(SimUser user, JsonObject assigned) {
        directory.putDynamicSkill(user, assigned.getString("skillId"), assigned);
    }

    /** The agent's own skill profile, if they have one. */
    public Optional<String> ownSkillProfile(SimUser user) {
        return Optional.ofNullable(directory.userSkillProfile(user));
    }

    /** The agent's dynamic skills as Contact Center lists them (AssignedDynamicSkillsDTO). */
    public List<JsonObject> dynamicSkills(SimUser user) {
        return directory.dynamicSkills(user);
    }

    /** Makes the user's own skill profile {@code profileId} (overrides their team's). */
    public void assignSkillProfile(SimUser user, String profileId) {
        directory.assignSkillProfile(user, profileId);
    }

    // ---- faults and what was received ----

    public Faults faults() {
        return faults;
    }

    /** Requests received for the simulated APIs ({@code /_sim/} excluded) matching method ("*" = any) and glob. */
    public int count(String method, String pathPattern) {
        return counters.count(method, pathPattern);
    }

    public List<Received> received() {
        return counters.all();
    }

    public void resetCounters() {
        counters.reset();
    }

    Map<String, Integer> countsByRequestLine() {
        return counters.byRequestLine();
    }

    // ---- Contact Center state ----

    /** The stored DTO (no detail fields), if the profile exists in that org. */
    public Optional<JsonObject> skillProfile(String orgId, String profileId) {
        return profiles.get(orgId, profileId);
    }

    /** The stored DTO, whichever org. */
    public Optional<JsonObject> skillProfile(String profileId) {
        return profiles.get(profileId);
    }

    /**
     * Creates a profile of PROFICIENCY skills in {@code orgId} (skill ids must be known there) and returns its id.
     */
    public String createSkillProfile(String orgId, String name, Map<String, Integer> proficiencies) {
        List<JsonObject> skills = new ArrayList<>();
        proficiencies.forEach((skillId, value) -> {
            if (catalog.skill(orgId, skillId).isEmpty()) {
                throw new IllegalArgumentException("unknown skill " + skillId + " in org " + orgId);
            }
            skills.add(Json.createObjectBuilder().add("skillId", skillId).add("proficiencyValue", value)
                    .add("booleanValue", false).build());
        });
        return profiles.create(Ids.randomUuid(), orgId, name, null, skills, List.of());
    }

    /**
     * Changes one proficiency as another writer would (Control Hub, another broker node), bumping the version so
     * a PUT based on the earlier version is rejected as stale.
     */
    public void setProficiency(String profileId, String skillId, int value) {
        profiles.setProficiency(profileId, skillId, value);
    }

    /** Deletes a profile, as an admin would in Control Hub (a test's own data, so later tests never see it). */
    public void deleteSkillProfile(String profileId) {
        profiles.remove(profileId);
    }

    /** Deletes a skill from the catalogue (a test's own data; the caller removes the profiles that use it). */
    public void deleteSkill(String skillId) {
        catalog.remove(skillId);
    }

    /** Adds a skill to the org's catalogue (type PROFICIENCY, BOOLEAN, TEXT) and returns its id. */
    public String createSkill(String orgId, String name, String type) {
        return catalog.add(orgId, name, type, List.of(), clock.now().toEpochMilli()).id();
    }

    /** Makes a team of org A reference the profile (so it appears in incoming-references), returns the team id. */
    public String createTeam(String orgId, String name, String skillProfileId) {
        String id = Ids.randomUuid();
        directory.addTeam(new Directory.Team(id, orgId, name, skillProfileId));
        return id;
    }

    /** Skill name → skill id of org A: German, Spanish, French, Billing, VIP, Notes, Language. */
    public Map<String, String> seededSkills() {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(seed.skillsOrgA));
    }

    public SeededProfiles seededProfiles() {
        return seed.profiles;
    }

    /** Per client id, CC API only, sliding 60 s window; default 300. */
    /** Every code and token issued so far (for leak checks). */
    public Set<String> issuedSecrets() {
        Set<String> secrets = new java.util.HashSet<>(tokens.issuedSecrets());
        secrets.addAll(messaging.botTokens());
        secrets.addAll(serviceApps.secrets());
        return secrets;
    }

    // ---- messaging (alerts into a Webex space) ----

    /** A new Webex bot; returns its access token (a secret, part of {@link #issuedSecrets()}). */
    public String createBot(String name) {
        return messaging.createBot(name);
    }

    /** A new space with these bots (by token) as members; returns the room id. */
    public String createRoom(String... botTokens) {
        return messaging.createRoom(List.of(botTokens));
    }

    /** Messages posted to a room, oldest first. */
    public List<Messaging.Message> messages(String roomId) {
        return messaging.messages(roomId);
    }

    // ---- Contact Center Service Apps ----

    /** Registers a Service App of org A (not yet authorised: {@link #authorizeServiceApp}). */
    public ServiceApps.ServiceApp createServiceApp(String name) {
        return serviceApps.create(name, orgId());
    }

    /** A Full Admin authorises the app in Control Hub (or withdraws it). */
    public void authorizeServiceApp(ServiceApps.ServiceApp app, boolean authorized) {
        serviceApps.authorize(app, authorized);
    }

    /** Whether the app's token answer lists {@code scope} (undocumented; default false). */
    public void serviceAppTokensReportScope(boolean report) {
        serviceApps.reportScope(report);
    }

    /** The client id a token was issued to, if it is a live access token: who Contact Center sees. */
    public Optional<String> clientOf(String accessToken) {
        return tokens.validAccessToken(accessToken).map(t -> t.clientId);
    }

    // ---- changes to people, as an org admin would make them in Control Hub ----

    /** Gives the user another Contact Center user profile type, e.g. demotes an admin to SUPERVISOR. */
    public void setProfileType(SimUser user, String profileType) {
        SimUser now = directory.user(user.key()).orElse(user);
        putUser(new SimUser(now.key(), now.personUuid(), now.orgUuid(), now.email(), now.displayName(), now.ccUserId(),
                profileType, now.accessAllTeams(), now.teamIds(), now.memberOfTeamIds(), now.active(),
                now.contactCenterEnabled()));
    }

    /** Deactivates (or reactivates) the user's Contact Center user: its {@code active} becomes false. */
    public void setContactCenterUserActive(SimUser user, boolean active) {
        SimUser now = directory.user(user.key()).orElse(user);
        putUser(new SimUser(now.key(), now.personUuid(), now.orgUuid(), now.email(), now.displayName(), now.ccUserId(),
                now.profileType(), now.accessAllTeams(), now.teamIds(), now.memberOfTeamIds(), active,
                now.contactCenterEnabled()));
    }

    /**
     * Scopes Webex will not grant whatever is requested, e.g. an admin whose org policy withholds
     * {@code cjp:config_write}; the token response's {@code scope} then lacks them.
     */
    public void withholdScopes(Set<String> scopes) {
        withheldScopes = Set.copyOf(scopes);
    }

    Set<String> withheldScopes() {
        return withheldScopes;
    }

    public void setRateLimitPerMinute(int n) {
        rateLimiter.setPerMinute(n);
    }

    /** Forgets the requests counted so far: after a load test, the next test starts with a full budget. */
    public void resetRateLimits() {
        rateLimiter.reset();
    }

    private SimUser seededUser(String key) {
        return directory.user(key).orElseThrow();
    }

    /**
     * Runs the simulator standalone until killed. Args: [port [clientId [clientSecret [redirectUri]]]]; the
     * client may also come from system properties sim.clientId, sim.clientSecret, sim.redirectUri.
     */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9099;
        String clientId = args.length > 1 ? args[1] : System.getProperty("sim.clientId", "sim-client");
        String secret = args.length > 2 ? args[2] : System.getProperty("sim.clientSecret", "sim-secret");
        String redirect = args.length > 3 ? args[3]
                : System.getProperty("sim.redirectUri", "http://localhost:8080/skill-broker/oauth/callback");
        WebexSimulator sim = start(port);
        sim.registerClient(clientId, secret, redirect);
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        System.out.println("Webex simulator at " + sim.baseUri() + " (index: " + sim.baseUri() + "/_sim/)");
        System.out.println("client " + clientId + " redirect " + redirect);
        System.out.println("org A " + sim.orgId() + ", org B " + sim.otherOrgId());
        sim.users().forEach(u -> System.out.println("user " + u.key() + " person " + u.personUuid() + " cc "
                + u.ccUserId() + " " + u.profileType()));
        SeededProfiles p = sim.seededProfiles();
        System.out.println("profiles German Speaker " + p.germanSpeaker() + ", Billing Experts " + p.billingExperts()
                + ", Spanish Desk " + p.spanishDesk() + "; teams A " + p.teamA() + ", B " + p.teamB());
        System.out.println("skills " + sim.seededSkills());
        Thread.currentThread().join();
    }
}
