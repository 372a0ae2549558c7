package org.skillbroker;

import jakarta.servlet.ServletContext;
import org.skillbroker.config.ConfigProblem;
import org.skillbroker.config.Settings;
import org.skillbroker.config.SettingsReport;
import org.skillbroker.audit.AuditTrail;
import org.skillbroker.budget.UpstreamGate;
import org.skillbroker.caller.CallerGate;
import org.skillbroker.caller.PeopleMeVerifier;
import org.skillbroker.caller.ProfileAccess;
import org.skillbroker.caller.RateLimits;
import org.skillbroker.alert.AlertChannels;
import org.skillbroker.alert.AlertDelivery;
import org.skillbroker.alert.AlertWatch;
import org.skillbroker.alert.GrantConditions;
import org.skillbroker.alert.GrantLedger;
import org.skillbroker.alert.WatchTimer;
import org.skillbroker.audit.EventHistory;
import org.skillbroker.setup.AdminRecheck;
import org.skillbroker.setup.OperatorActions;
import org.skillbroker.setup.AdminVerifier;
import org.skillbroker.skills.control.ProficiencyEditor;
import org.skillbroker.skills.control.ClusterWriteGuard;
import org.skillbroker.skills.control.ProfileLocks;
import org.skillbroker.skills.control.ProfileReader;
import org.skillbroker.skills.control.SkillDirectory;
import org.skillbroker.token.AdminCalls;
import org.skillbroker.token.Grant;
import org.skillbroker.token.GrantUnavailableException;
import org.skillbroker.token.GrantKeeper;
import org.skillbroker.token.KeySettings;
import org.skillbroker.token.Keyring;
import org.skillbroker.token.KeyringLoader;
import org.skillbroker.token.RefreshPolicy;
import org.skillbroker.token.RefreshTimer;
import org.skillbroker.token.TokenRefresher;
import org.skillbroker.state.ClusterState;
import org.skillbroker.state.ClusterStates;
import org.skillbroker.state.StoreImport;
import org.skillbroker.webex.ContactCenterUsers;
import org.skillbroker.webex.OAuthClient;
import org.skillbroker.webex.PeopleClient;
import org.skillbroker.webex.SkillProfilesClient;
import org.skillbroker.webex.SkillsClient;
import org.skillbroker.webex.TeamsClient;
import org.skillbroker.webex.WebexHttp;

import org.skillbroker.caller.ExpiringCache;
import org.skillbroker.metrics.BrokerMetrics;
import org.skillbroker.metrics.Metrics;

import java.security.SecureRandom;
import java.util.Map;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The object graph, built once at start-up (plain Tomcat has no CDI) and kept in the servlet context.
 * When configuration is incomplete the graph is not built at all, and every page says which key is wrong:
 * nothing half-works.
 */
public final class Broker implements AutoCloseable {

    private static final String ATTRIBUTE = Broker.class.getName();
    private static final System.Logger LOG = System.getLogger(Broker.class.getName());

    private final List<ConfigProblem> problems;
    private final Running running;
    private final Clock clock;
    private Optional<org.skillbroker.config.Secret> metricsToken = Optional.empty();

    private Broker(List<ConfigProblem> problems, Running running, Clock clock) {
        this.problems = List.copyOf(problems);
        this.running = running;
        this.clock = clock;
    }

    /** Builds the graph from a settings report; never throws for a configuration problem. */
    public static Broker start(SettingsReport report, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        if (report.settings().isEmpty()) {
            report.problems().forEach(p -> LOG.log(System.Logger.Level.ERROR, "Configuration problem: {0}", p));
            Broker broker = new Broker(report.problems(), null, clock);
            broker.metricsToken = report.metricsToken();
            return broker;
        }
        Settings settings = report.settings().get();
        Keyring keyring;
        try {
            keyring = new KeyringLoader(clock).load(keySettings(settings.store()));
        } catch (IllegalArgumentException e) {
            ConfigProblem problem = new ConfigProblem("skillbroker.store.keys", e.getMessage());
            LOG.log(System.Logger.Level.ERROR, "Configuration problem: {0}", problem);
            return new Broker(List.of(problem), null, clock);
        }
        ClusterState state;
        try {
            state = ClusterStates.open(settings, keyring, clock);
        } catch (IllegalArgumentException e) {
            ConfigProblem problem = new ConfigProblem("skillbroker.store.datasource", e.getMessage());
            LOG.log(System.Logger.Level.ERROR, "Configuration problem: {0}", problem);
            return new Broker(List.of(problem), null, clock);
        }
        Optional<StoreImport.Result> imported = Optional.empty();
        if (settings.store().importFrom().isPresent()) {
            try (ClusterState source = ClusterStates.openSource(settings.store().importFrom().get(), settings,
                    keyring, clock)) {
                imported = Optional.of(StoreImport.run(source, state));
            } catch (IllegalArgumentException e) {
                ConfigProblem problem = new ConfigProblem("skillbroker.store.import-from", e.getMessage());
                LOG.log(System.Logger.Level.ERROR, "Configuration problem: {0}", problem);
                state.close();
                return new Broker(List.of(problem), null, clock);
            }
        }
        return new Broker(List.of(), new Running(settings, keyring, state, imported, clock), clock);
    }

    private static KeySettings keySettings(Settings.Store store) {
        return new KeySettings(store.inlineKeys().map(s -> s.reveal()), store.keyFile(), store.keystore(),
                store.keystorePassword().map(s -> s.reveal()), store.primaryKeyId(), store.generatedKeyFile());
    }

    /** The broker of this web app; waits for its start to end if it has not ({@link BrokerStart}). */
    public static Broker from(ServletContext context) {
        Broker broker = (Broker) context.getAttribute(ATTRIBUTE);
        return broker != null ? broker : BrokerStart.finish(context);
    }

    /** A broker that is not running because its start failed; it says why, like a configuration problem. */
    static Broker notStarted(ConfigProblem problem, Optional<org.skillbroker.config.Secret> metricsToken, Clock clock) {
        Broker broker = new Broker(List.of(problem), null, clock);
        broker.metricsToken = metricsToken;
        return broker;
    }

    /** The running graph for the API's resources: 503 {@code not-configured} while the configuration is incomplete. */
    public static Running running(ServletContext context) {
        return from(context).running().orElseThrow(() -> org.skillbroker.problem.ApiException.of("not-configured",
                "The broker is not configured", 503,
                "The broker's configuration is incomplete; the operator can see what is missing at /setup."));
    }

    public void attachTo(ServletContext context) {
        context.setAttribute(ATTRIBUTE, this);
    }

    /** The metrics token, also while the configuration is incomplete (it opens /health's details). */
    public Optional<org.skillbroker.config.Secret> metricsToken() {
        return running != null ? running.settings().metrics().bearerToken() : metricsToken;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    public Optional<Running> running() {
        return Optional.ofNullable(running);
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        if (running != null) {
            running.close();
        }
    }

    /** The parts that exist only when the broker is fully configured. */
    public static final class Running implements AutoCloseable {
        private final Settings settings;
        private final Keyring keyring;
        private final WebexHttp http;
        private final OAuthClient oauth;
        private final PeopleClient people;
        private final ContactCenterUsers contactCenterUsers;
        private final GrantKeeper keeper;
        private final TokenRefresher refresher;
        private final RefreshPolicy policy;
        private final AdminVerifier adminVerifier;
        private final RefreshTimer timer;
        private final AdminCalls adminCalls;
        private final UpstreamGate upstream;
        private final AdminRecheck adminRecheck;
        private final EventHistory events;
        private final OperatorActions operatorActions;
        private final AlertDelivery alertDelivery;
        private final AlertWatch alerts;
        private final WatchTimer watchTimer;
        private final CallerGate callers;
        private final ProfileAccess profileAccess;
        private final ProfileReader profileReader;
        private final ProficiencyEditor editor;
        private final AuditTrail audit;
        private final SkillDirectory skillDirectory;
        private final org.skillbroker.agents.control.OrgCatalog orgCatalog;
        private final org.skillbroker.agents.control.AgentRoster agentRoster;
        private final org.skillbroker.agents.control.AgentEditor agentEditor;
        private final org.skillbroker.agents.control.AgentChanges agentChanges;
        private final BrokerMetrics metrics;
        private final ClusterState state;
        private final Optional<StoreImport.Result> imported;
        private final org.skillbroker.setup.GrantRevocation revocation;
        private final org.skillbroker.changes.Changes changes;
        private final org.skillbroker.skills.control.ProfileChanges profileChanges;
        private final org.skillbroker.changes.ChangeMetrics changeMetrics;
        private final org.skillbroker.changes.RevertTimer revertTimer;

        Running(Settings settings, Keyring keyring, ClusterState state, Optional<StoreImport.Result> imported,
                Clock clock) {
            this.settings = settings;
            this.keyring = keyring;
            this.metrics = new BrokerMetrics();
            this.http = new WebexHttp(settings.http(), metrics);
            this.oauth = new OAuthClient(http, settings.webex(), settings.serviceApp());
            this.people = new PeopleClient(http, settings.webex());
            this.contactCenterUsers = new ContactCenterUsers(http, settings.webex());
            Settings.Api api = settings.api();
            this.state = state;
            this.imported = imported;
            this.keeper = new GrantKeeper(state.grant());
            keeper.reload();
            SecureRandom random = new SecureRandom();
            this.policy = new RefreshPolicy(settings.refresh(), random::nextDouble);
            this.refresher = new TokenRefresher(keeper, oauth, state.leases(), settings.store().leaseTtl(),
                    policy, clock);
            this.adminVerifier = new AdminVerifier(settings, people, contactCenterUsers);
            this.revocation = new org.skillbroker.setup.GrantRevocation(
                    new org.skillbroker.webex.AuthorizationsClient(http, settings.webex()), clock);
            this.events = new EventHistory(EventHistory.shared(state.audit(), settings.webex().orgId()), clock);
            this.timer = new RefreshTimer(refresher, settings.refresh().checkInterval(), this::recordRefresh);
            this.upstream = new UpstreamGate(state.budget(), settings.api().upstreamBudget(), clock);
            this.adminCalls = new AdminCalls(refresher, clock, pause -> Thread.sleep(pause.toMillis()), upstream);

            // the watch: administrator re-check and alerts, on their own threads
            Settings.Alerts alertSettings = settings.alerts();
            this.adminRecheck = new AdminRecheck(refresher, adminCalls, people, contactCenterUsers, settings, clock,
                    events);
            this.alertDelivery = new AlertDelivery(AlertChannels.from(settings, http), clock,
                    alertSettings.retryInitial(), alertSettings.retryMax(), alertSettings.repeatInterval(),
                    random::nextDouble, (alert, channel, delivered, why) -> events.record(
                            delivered ? "alerted" : "alert failed", "", alert.subject() + " via " + channel.name()
                                    + (delivered ? "" : ": " + why)));
            String brokerName = settings.widget().publicUrl() + "/setup";
            this.alerts = new AlertWatch(new GrantLedger(refresher), alertDelivery, clock,
                    alertSettings.repeatInterval(), brokerName, AlertWatch.Listener.NONE);
            GrantConditions.register(alerts, refresher, policy, alertSettings);
            this.watchTimer = new WatchTimer(List.of(() -> adminRecheck.runIfDue(), alerts::evaluate),
                    settings.refresh().checkInterval());

            // the supervisor API
            Supplier<String> adminOrg = () -> keeper.current().map(Grant::orgId).orElseThrow(() ->
                    new GrantUnavailableException(GrantUnavailableException.Reason.NOT_CONNECTED,
                            "No admin has connected the broker to Webex yet; see /setup"));
            SkillProfilesClient skillProfiles = new SkillProfilesClient(http, settings.webex());
            this.operatorActions = new OperatorActions(refresher, adminCalls, skillProfiles, alerts, events,
                    settings.webex().orgId(), clock);
            RateLimits limits = new RateLimits(api.perCallerLimit(), api.globalLimit(), clock);
            org.skillbroker.caller.AddressLimits addresses =
                    new org.skillbroker.caller.AddressLimits(api.lookupsPerAddress(), clock);
            this.callers = new CallerGate(new PeopleMeVerifier(people), contactCenterUsers, adminCalls, limits,
                    addresses, adminOrg, api, clock);
            this.profileAccess = new ProfileAccess(api, new TeamsClient(http, settings.webex()), adminCalls, adminOrg,
                    callers::revoked, clock);
            SkillDirectory skills = new SkillDirectory(new SkillsClient(http, settings.webex()), adminCalls, adminOrg,
                    api.skillCacheTtl(), clock);
            this.profileReader = new ProfileReader(skillProfiles, skills, profileAccess, adminCalls, adminOrg);
            // a writer waits at most for a few slow upstream calls of the writers before it, on any node
            java.time.Duration wait = settings.http().readTimeout().multipliedBy(3);
            if (wait.compareTo(java.time.Duration.ofSeconds(10)) < 0) {
                wait = java.time.Duration.ofSeconds(10); // many supervisors on one profile queue a few seconds
            }
            ClusterWriteGuard guard = new ClusterWriteGuard(new ProfileLocks(wait), state.leases(),
                    settings.store().leaseTtl(), wait);
            this.editor = new ProficiencyEditor(skillProfiles, skills, adminCalls, guard, adminOrg, api.writeRetries());
            this.audit = new AuditTrail(state.audit(), AUDIT_ENTRIES_SHOWN, clock);
            // history, undo and timed reverts: one mechanism for every kind of resource (agents register theirs)
            this.changeMetrics = new org.skillbroker.changes.ChangeMetrics(metrics.metrics());
            Settings.Changes timed = settings.changes();
            this.changes = new org.skillbroker.changes.Changes(audit, state.audit(), state.reverts(), state.leases(),
                    settings.store().leaseTtl(), timed.maxAhead(), timed.overdueAfter(), clock, changeMetrics);
            this.profileChanges = new org.skillbroker.skills.control.ProfileChanges(editor, profileAccess);
            changes.register(profileChanges);
            this.revertTimer = new org.skillbroker.changes.RevertTimer(changes, timed.checkInterval());
            metrics.watch(audit);
            metrics.watch(upstream);
            // the Agents view: who a supervisor manages, and their own profile and dynamic skills
            this.skillDirectory = skills;
            org.skillbroker.webex.AgentsClient agents = new org.skillbroker.webex.AgentsClient(http, settings.webex());
            this.orgCatalog = new org.skillbroker.agents.control.OrgCatalog(agents, adminCalls, adminOrg,
                    api.skillCacheTtl(), clock);
            this.agentRoster = new org.skillbroker.agents.control.AgentRoster(api, agents, profileAccess, adminCalls,
                    adminOrg, clock);
            this.agentEditor = new org.skillbroker.agents.control.AgentEditor(api, agents, agentRoster, orgCatalog,
                    skills, adminCalls, adminOrg);
            this.agentChanges = new org.skillbroker.agents.control.AgentChanges(agentRoster, agentEditor, api);
            changes.register(agentChanges); // history, undo and timed reverts of agents: the same mechanism
            // an overdue revert is an alert as well as a /health warning, read from the shared list every node sees
            alerts.watch(org.skillbroker.alert.AlertKind.REVERT_OVERDUE, now -> {
                List<org.skillbroker.changes.PendingChange> overdue = changes.overdue();
                return overdue.isEmpty() ? Optional.empty() : Optional.of(overdue.size()
                        + " timed change(s) not reverted in time; the oldest was due at " + overdue.get(0).dueAt()
                        + " (" + overdue.get(0).kind() + " " + overdue.get(0).resourceName() + "). The broker keeps "
                        + "trying; see /setup and the server log.");
            });
            Map<String, ExpiringCache<?, ?>> caches = new java.util.TreeMap<>(callers.caches());
            caches.putAll(profileAccess.caches());
            caches.putAll(agentRoster.caches());
            metrics.watch(refresher, keeper, clock, limits, addresses, caches);
        }

        /**
         * The time to live for leases ({@code skillbroker.store.lease-ttl}): held leases are renewed while their
         * holder works (a Webex call of any length included), and outlive a dead or stalled holder by this much.
         */
        public java.time.Duration leaseTtl() {
            return settings.store().leaseTtl();
        }

        public BrokerMetrics requestMetrics() { return metrics; }

        /** The shared state (grant, leases, reverts, audit, call budget) of all nodes; see NOTES/README. */
        public ClusterState state() { return state; }

        /** What {@code skillbroker.store.import-from} moved at this start, if it was set. */
        public Optional<StoreImport.Result> imported() { return imported; }
        public Metrics metrics() { return metrics.metrics(); }

        /** How many of the latest changes the status page shows. */
        private static final int AUDIT_ENTRIES_SHOWN = 20;

        public AdminCalls adminCalls() { return adminCalls; }
        public UpstreamGate upstream() { return upstream; }
        public AdminRecheck adminRecheck() { return adminRecheck; }
        public EventHistory events() { return events; }
        public OperatorActions operatorActions() { return operatorActions; }

        /** How many events the status page shows. */
        private static final int EVENTS_SHOWN = 30;

        /** A refresh and the first failure of a streak go into the history; repeats of a failure do not. */
        private void recordRefresh(org.skillbroker.token.RefreshOutcome outcome) {
            if (outcome instanceof org.skillbroker.token.RefreshOutcome.Refreshed) {
                events.record("refreshed", "", outcome.describe());
            } else if (outcome instanceof org.skillbroker.token.RefreshOutcome.Failed
                    && refresher.status().consecutiveFailures() == 1
                    || outcome instanceof org.skillbroker.token.RefreshOutcome.ReauthorizationRequired
                    && !lastWasReauthorization) {
                events.record("refresh failed", "", outcome.describe());
            }
            lastWasReauthorization = outcome instanceof org.skillbroker.token.RefreshOutcome.ReauthorizationRequired;
        }

        private volatile boolean lastWasReauthorization;
        /** Other code adds conditions here, e.g. {@code alerts().watch(AlertKind.REVERT_OVERDUE, probe)}. */
        public AlertWatch alerts() { return alerts; }
        public CallerGate callers() { return callers; }
        public ProfileAccess profileAccess() { return profileAccess; }
        public ProfileReader profileReader() { return profileReader; }
        public ProficiencyEditor editor() { return editor; }
        public AuditTrail audit() { return audit; }
        public SkillDirectory skillDirectory() { return skillDirectory; }
        public org.skillbroker.agents.control.OrgCatalog orgCatalog() { return orgCatalog; }
        public org.skillbroker.agents.control.AgentRoster agentRoster() { return agentRoster; }
        public org.skillbroker.agents.control.AgentEditor agentEditor() { return agentEditor; }
        public org.skillbroker.agents.control.AgentChanges agentChanges() { return agentChanges; }

        /** History, undo and timed reverts of every resource kind; a kind plugs in with {@code register}. */
        public org.skillbroker.changes.Changes changes() { return changes; }
        public org.skillbroker.skills.control.ProfileChanges profileChanges() { return profileChanges; }
        public org.skillbroker.changes.ChangeMetrics changeMetrics() { return changeMetrics; }

        public Settings settings() { return settings; }
        public Keyring keyring() { return keyring; }
        public OAuthClient oauth() { return oauth; }
        public PeopleClient people() { return people; }
        public ContactCenterUsers contactCenterUsers() { return contactCenterUsers; }
        public GrantKeeper keeper() { return keeper; }
        public TokenRefresher refresher() { return refresher; }
        public RefreshPolicy policy() { return policy; }
        public AdminVerifier adminVerifier() { return adminVerifier; }
        public org.skillbroker.setup.GrantRevocation revocation() { return revocation; }

        @Override
        public void close() {
            revertTimer.close();
            timer.close();
            watchTimer.close();
            alertDelivery.close();
            http.close();
            audit.close();
            state.close();
        }
    }
}
