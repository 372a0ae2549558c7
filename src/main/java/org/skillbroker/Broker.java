package org.skillbroker;

import jakarta.servlet.ServletContext;
import org.skillbroker.config.ConfigProblem;
import org.skillbroker.config.Settings;
import org.skillbroker.config.SettingsReport;
import org.skillbroker.setup.AdminVerifier;
import org.skillbroker.token.GrantKeeper;
import org.skillbroker.token.GrantStore;
import org.skillbroker.token.KeySettings;
import org.skillbroker.token.Keyring;
import org.skillbroker.token.KeyringLoader;
import org.skillbroker.token.RefreshPolicy;
import org.skillbroker.token.RefreshTimer;
import org.skillbroker.token.StoreLock;
import org.skillbroker.token.TokenRefresher;
import org.skillbroker.webex.ContactCenterUsers;
import org.skillbroker.webex.OAuthClient;
import org.skillbroker.webex.PeopleClient;
import org.skillbroker.webex.WebexHttp;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
            return new Broker(report.problems(), null, clock);
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
        return new Broker(List.of(), new Running(settings, keyring, clock), clock);
    }

    private static KeySettings keySettings(Settings.Store store) {
        return new KeySettings(store.inlineKeys().map(s -> s.reveal()), store.keyFile(), store.keystore(),
                store.keystorePassword().map(s -> s.reveal()), store.primaryKeyId(), store.generatedKeyFile());
    }

    public static Broker from(ServletContext context) {
        return (Broker) Objects.requireNonNull(context.getAttribute(ATTRIBUTE), "broker not started");
    }

    public void attachTo(ServletContext context) {
        context.setAttribute(ATTRIBUTE, this);
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

        Running(Settings settings, Keyring keyring, Clock clock) {
            this.settings = settings;
            this.keyring = keyring;
            this.http = new WebexHttp(settings.http());
            this.oauth = new OAuthClient(http, settings.webex());
            this.people = new PeopleClient(http, settings.webex());
            this.contactCenterUsers = new ContactCenterUsers(http, settings.webex());
            GrantStore store = new GrantStore(settings.store().dir(), keyring, clock);
            this.keeper = new GrantKeeper(store);
            keeper.reload();
            SecureRandom random = new SecureRandom();
            this.policy = new RefreshPolicy(settings.refresh(), random::nextDouble);
            this.refresher = new TokenRefresher(keeper, oauth, new StoreLock(settings.store().dir()), policy,
                    settings.webex().scopes(), clock);
            this.adminVerifier = new AdminVerifier(settings, people, contactCenterUsers);
            this.timer = new RefreshTimer(refresher, settings.refresh().checkInterval());
        }

        public Settings settings() { return settings; }
        public Keyring keyring() { return keyring; }
        public OAuthClient oauth() { return oauth; }
        public PeopleClient people() { return people; }
        public ContactCenterUsers contactCenterUsers() { return contactCenterUsers; }
        public GrantKeeper keeper() { return keeper; }
        public TokenRefresher refresher() { return refresher; }
        public RefreshPolicy policy() { return policy; }
        public AdminVerifier adminVerifier() { return adminVerifier; }

        @Override
        public void close() {
            timer.close();
            http.close();
        }
    }
}
