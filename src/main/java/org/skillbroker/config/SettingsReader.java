package org.skillbroker.config;

import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.servlet.ServletContext;
import org.eclipse.microprofile.config.Config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one place that reads configuration. Collects every problem instead of stopping at the first, so an
 * operator fixes them in one round; a secret's value never appears in a problem.
 */
public final class SettingsReader {

    public static final String CONFIG_FILE = "skillbroker.config.file";

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Config config;
    private final List<ConfigProblem> problems = new ArrayList<>();

    SettingsReader(Config config) {
        this.config = config;
    }

    /** Reads the settings of a web application: its context parameters, the optional file and the WAR defaults. */
    public static SettingsReport read(ServletContext context) {
        ClassLoader loader = context.getClassLoader();
        ServletContextConfigSource contextSource = new ServletContextConfigSource(context);
        // First without the settings file, to learn whether one is named (it may be named in any source).
        Config config = builder(loader, contextSource).build();
        List<ConfigProblem> fileProblems = new ArrayList<>();
        Optional<String> file = config.getOptionalValue(CONFIG_FILE, String.class);
        if (file.isPresent()) {
            try {
                config = builder(loader, contextSource)
                        .withSources(SettingsFileConfigSource.load(Path.of(file.get()))).build();
            } catch (IOException | InvalidPathException e) {
                fileProblems.add(new ConfigProblem(CONFIG_FILE,
                        "cannot read the settings file " + file.get() + " (" + e.getClass().getSimpleName() + ")"));
            }
        }
        return read(config, fileProblems);
    }

    /** Reads settings from a ready {@link Config}; tests use this with their own sources. */
    public static SettingsReport read(Config config) {
        return read(config, List.of());
    }

    private static SettingsReport read(Config config, List<ConfigProblem> earlierProblems) {
        SettingsReader reader = new SettingsReader(config);
        reader.problems.addAll(earlierProblems);
        Settings settings = reader.settings();
        return new SettingsReport(reader.problems.isEmpty() ? Optional.of(settings) : Optional.empty(),
                List.copyOf(reader.problems), settings.metrics().bearerToken());
    }

    private static SmallRyeConfigBuilder builder(ClassLoader loader, ServletContextConfigSource contextSource) {
        // default interceptors expand expressions such as ${user.home} in the WAR's defaults
        return new SmallRyeConfigBuilder().forClassLoader(loader).addDefaultInterceptors().addDefaultSources()
                .withSources(contextSource);
    }

    private Settings settings() {
        Datacenter datacenter = required("skillbroker.webex.datacenter", Datacenter::parse,
                "one of " + Datacenter.ids());
        // Plain http to Webex would carry the admin token in clear: only when explicitly allowed (demo, tests).
        boolean insecure = Objects.requireNonNullElse(optional("skillbroker.webex.allow-insecure-http",
                SettingsReader::bool, "true or false").orElse(false), false);
        Function<String, URI> webexBase = insecure ? SettingsReader::httpUri : SettingsReader::httpsUri;
        String baseExpected = insecure ? "an http(s) URL" : "an https URL (http only with skillbroker.webex.allow-insecure-http=true)";
        URI ccApiBase = optional("skillbroker.cc.api-base", webexBase, baseExpected)
                .orElse(datacenter == null ? null : datacenter.apiBase());
        Settings.Webex webex = new Settings.Webex(
                required("skillbroker.webex.client-id", SettingsReader::text, "the integration's client id"),
                secret("skillbroker.webex.client-secret"),
                required("skillbroker.webex.redirect-uri", SettingsReader::httpUri,
                        "an http(s) URL ending in /oauth/callback"),
                required("skillbroker.webex.org-id", SettingsReader::uuid, "the org's UUID"),
                datacenter,
                required("skillbroker.webex.scopes", SettingsReader::words, "space-separated scopes"),
                required("skillbroker.webex.api-base", webexBase, baseExpected),
                ccApiBase);
        Settings.Store store = new Settings.Store(
                required("skillbroker.store.dir", SettingsReader::path, "a directory path"),
                optionalSecret("skillbroker.store.keys"),
                optional("skillbroker.store.key-file", SettingsReader::path, "a file path"),
                optional("skillbroker.store.keystore", SettingsReader::path, "a PKCS#12 file path"),
                optionalSecret("skillbroker.store.keystore-password"),
                optional("skillbroker.store.primary-key-id", SettingsReader::text, "a key id"),
                required("skillbroker.store.generated-key-file", SettingsReader::path, "a file path"),
                optional("skillbroker.store.datasource", SettingsReader::text,
                        "a JNDI name such as java:comp/env/jdbc/skillbroker"),
                required("skillbroker.store.lease-ttl", SettingsReader::positiveDuration,
                        "an ISO-8601 duration, e.g. PT10S"),
                optional("skillbroker.store.import-from", SettingsReader::text,
                        "the old store: a directory path, or a JNDI name such as java:comp/env/jdbc/skillbroker"));
        if (store.keystore().isPresent() && store.keystorePassword().isEmpty()) {
            problems.add(new ConfigProblem("skillbroker.store.keystore-password",
                    "is required when skillbroker.store.keystore is set"));
        }
        Settings.Refresh refresh = new Settings.Refresh(
                // unboxed: a placeholder when missing, never used because the report then carries a problem
                Objects.requireNonNullElse(required("skillbroker.refresh.at-share", SettingsReader::share,
                        "a number between 0 and 1, e.g. 0.75"), 0.5),
                required("skillbroker.refresh.max-interval", SettingsReader::positiveDuration, "an ISO-8601 duration, e.g. PT24H"),
                required("skillbroker.refresh.check-interval", SettingsReader::positiveDuration, "an ISO-8601 duration, e.g. PT30S"),
                required("skillbroker.refresh.backoff-initial", SettingsReader::positiveDuration, "an ISO-8601 duration"),
                required("skillbroker.refresh.backoff-max", SettingsReader::positiveDuration, "an ISO-8601 duration"),
                required("skillbroker.refresh.warning-horizon", SettingsReader::positiveDuration, "an ISO-8601 duration, e.g. P14D"));
        Settings.Setup setup = new Settings.Setup(
                optional("skillbroker.setup.admin-emails", SettingsReader::lowerCaseList, "comma-separated e-mail addresses")
                        .orElse(Set.of()),
                required("skillbroker.setup.admin-profile-types", SettingsReader::upperCaseList, "comma-separated profile types"),
                required("skillbroker.setup.state-ttl", SettingsReader::positiveDuration, "an ISO-8601 duration"),
                required("skillbroker.setup.admin-recheck-interval", SettingsReader::positiveDuration,
                        "an ISO-8601 duration, e.g. P1D"));
        Settings.Http http = new Settings.Http(
                required("skillbroker.http.connect-timeout", SettingsReader::positiveDuration, "an ISO-8601 duration"),
                required("skillbroker.http.read-timeout", SettingsReader::positiveDuration, "an ISO-8601 duration"));
        Settings.Widget widget = new Settings.Widget(
                optional("skillbroker.public-url", SettingsReader::publicUrl, "the broker's https URL, e.g. https://broker.example.com/skill-broker")
                        .orElse(webex.redirectUri() == null ? null : brokerUrlOf(webex.redirectUri())));
        Settings.Metrics metrics = new Settings.Metrics(
                Objects.requireNonNullElse(required("skillbroker.metrics.enabled", SettingsReader::bool,
                        "true or false"), false),
                optional("skillbroker.metrics.allowed-addresses", SettingsReader::addresses,
                        "comma-separated IP addresses or CIDR blocks, e.g. 127.0.0.1,::1,10.0.0.0/8").orElse(List.of()),
                optionalSecret("skillbroker.metrics.token"));
        Settings.Changes changes = new Settings.Changes(
                required("skillbroker.reverts.max-ahead", SettingsReader::positiveDuration, "an ISO-8601 duration, e.g. P7D"),
                required("skillbroker.reverts.check-interval", SettingsReader::positiveDuration,
                        "an ISO-8601 duration, e.g. PT15S"),
                required("skillbroker.reverts.overdue-after", SettingsReader::positiveDuration,
                        "an ISO-8601 duration, e.g. PT2M"));
        return new Settings(webex, store, refresh, setup, http, api(store.dir()), widget, metrics, changes, alerts(),
                serviceApp());
    }

    private Settings.ServiceApp serviceApp() {
        Settings.ServiceApp app = new Settings.ServiceApp(
                optional("skillbroker.service-app.application-id", SettingsReader::text, "the Service App's id"),
                optional("skillbroker.service-app.client-id", SettingsReader::text, "the Service App's client id"),
                optionalSecret("skillbroker.service-app.client-secret"));
        boolean any = app.applicationId().isPresent() || app.clientId().isPresent() || app.clientSecret().isPresent();
        if (any && !app.enabled()) {
            // half a Service App would silently fall back to the admin-grant mode: say so instead
            String missing = app.applicationId().isEmpty() ? "skillbroker.service-app.application-id"
                    : app.clientId().isEmpty() ? "skillbroker.service-app.client-id"
                    : "skillbroker.service-app.client-secret";
            problems.add(new ConfigProblem(missing, "is required when another skillbroker.service-app key is set"));
        }
        return app;
    }

    private Settings.Alerts alerts() {
        Settings.Alerts alerts = new Settings.Alerts(
                optionalSecret("skillbroker.alerts.webex.bot-token"),
                optional("skillbroker.alerts.webex.room-id", SettingsReader::text, "the Webex space's room id"),
                optional("skillbroker.alerts.mail.session", SettingsReader::text,
                        "a JNDI name such as java:comp/env/mail/Session"),
                optional("skillbroker.alerts.mail.to", SettingsReader::emails, "comma-separated e-mail addresses")
                        .orElse(List.of()),
                optional("skillbroker.alerts.mail.from", SettingsReader::email, "an e-mail address"),
                optional("skillbroker.alerts.webhook.url", SettingsReader::secretHttpUri, "an http(s) URL"),
                required("skillbroker.alerts.repeat-interval", SettingsReader::positiveDuration,
                        "an ISO-8601 duration, e.g. P1D"),
                required("skillbroker.alerts.refresh-failing-after", SettingsReader::positiveDuration,
                        "an ISO-8601 duration, e.g. PT1H"),
                required("skillbroker.alerts.retry-initial", SettingsReader::positiveDuration, "an ISO-8601 duration"),
                required("skillbroker.alerts.retry-max", SettingsReader::positiveDuration, "an ISO-8601 duration"));
        // half a channel is a mistake to report now, not an alert that silently never arrives
        if (alerts.webexBotToken().isPresent() != alerts.webexRoomId().isPresent()) {
            problems.add(new ConfigProblem(alerts.webexBotToken().isPresent() ? "skillbroker.alerts.webex.room-id"
                    : "skillbroker.alerts.webex.bot-token", "is required when the other Webex alert key is set"));
        }
        if (alerts.mailSession().isPresent() != !alerts.mailTo().isEmpty()) {
            problems.add(new ConfigProblem(alerts.mailSession().isPresent() ? "skillbroker.alerts.mail.to"
                    : "skillbroker.alerts.mail.session", "is required when the other mail alert key is set"));
        }
        return alerts;
    }

    /** @param storeDir where the audit file goes unless configured otherwise (null when itself missing) */
    private Settings.Api api(Path storeDir) {
        Set<String> desktops = java.util.Arrays.stream(Datacenter.values()).map(Datacenter::desktopOrigin)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return new Settings.Api(
                optional("skillbroker.api.allowed-origins", SettingsReader::origins,
                        "comma-separated origins such as https://desktop.wxcc-us1.cisco.com").orElse(desktops),
                required("skillbroker.api.allowed-profile-types", SettingsReader::upperCaseList,
                        "comma-separated profile types"),
                optional("skillbroker.api.allowed-skill-profile-ids", SettingsReader::uuids,
                        "comma-separated skill-profile UUIDs").orElse(Set.of()),
                optional("skillbroker.api.allowed-skill-ids", SettingsReader::uuids, "comma-separated skill UUIDs")
                        .orElse(Set.of()),
                Objects.requireNonNullElse(required("skillbroker.api.team-scoping", SettingsReader::bool,
                        "true or false"), true),
                required("skillbroker.api.identity-cache-ttl", SettingsReader::positiveDuration, "an ISO-8601 duration"),
                Objects.requireNonNullElse(required("skillbroker.api.identity-cache-size", SettingsReader::positiveInt,
                        "a positive integer"), 1),
                required("skillbroker.api.skill-cache-ttl", SettingsReader::positiveDuration, "an ISO-8601 duration"),
                required("skillbroker.api.rate-limit.per-caller", SettingsReader::rateLimit,
                        "requests per duration, e.g. 60/PT1M"),
                required("skillbroker.api.rate-limit.global", SettingsReader::rateLimit,
                        "requests per duration, e.g. 240/PT1M"),
                Objects.requireNonNullElse(required("skillbroker.api.max-body-bytes", SettingsReader::positiveInt,
                        "a positive number of bytes"), 16384),
                Objects.requireNonNullElse(required("skillbroker.api.write-retries", SettingsReader::positiveInt,
                        "a positive integer"), 1),
                optional("skillbroker.audit.file", SettingsReader::auditFile, "a file path or off")
                        .orElse(Optional.ofNullable(storeDir).map(dir -> dir.resolve("audit.log"))),
                Objects.requireNonNullElse(required("skillbroker.audit.max-bytes", SettingsReader::auditBytes,
                        "a number of bytes, at least 1024"), 10_485_760L),
                Objects.requireNonNullElse(required("skillbroker.audit.rotated-files",
                        SettingsReader::nonNegativeInt, "0 or a positive integer"), 2),
                required("skillbroker.cc.budget", SettingsReader::rateLimit, "calls per duration, e.g. 270/PT1M"),
                required("skillbroker.api.rate-limit.lookups-per-address", SettingsReader::rateLimit,
                        "requests per duration, e.g. 30/PT1M"),
                optional("skillbroker.agents.enum-value-form", SettingsReader::enumValueForm, "id or name")
                        .orElse(Settings.EnumValueForm.ID));
    }

    private static Settings.EnumValueForm enumValueForm(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "id" -> Settings.EnumValueForm.ID;
            case "name" -> Settings.EnumValueForm.NAME;
            default -> throw new IllegalArgumentException("id or name");
        };
    }

    private static long auditBytes(String value) {
        long bytes = Long.parseLong(value.trim());
        if (bytes < 1024) {
            throw new IllegalArgumentException("at least 1024");
        }
        return bytes;
    }

    private static int nonNegativeInt(String value) {
        int n = Integer.parseInt(value.trim());
        if (n < 0) {
            throw new IllegalArgumentException("negative");
        }
        return n;
    }

    private <T> T required(String key, Function<String, T> parser, String expected) {
        Optional<String> raw = raw(key);
        if (raw.isEmpty()) {
            problems.add(new ConfigProblem(key, "is missing; expected " + expected));
            return null;
        }
        return parse(key, raw.get(), parser, expected).orElse(null);
    }

    private <T> Optional<T> optional(String key, Function<String, T> parser, String expected) {
        return raw(key).flatMap(value -> parse(key, value, parser, expected));
    }

    private Secret secret(String key) {
        Optional<Secret> secret = optionalSecret(key);
        if (secret.isEmpty()) {
            problems.add(new ConfigProblem(key, "is missing"));
        }
        return secret.orElse(null);
    }

    private Optional<Secret> optionalSecret(String key) {
        return raw(key).map(Secret::new);
    }

    private <T> Optional<T> parse(String key, String value, Function<String, T> parser, String expected) {
        try {
            return Optional.of(parser.apply(value));
        } catch (RuntimeException e) {
            // The value is not echoed: an operator may have pasted a secret into the wrong key.
            String why = e.getMessage() == null || e instanceof DateTimeParseException ? "" : " (" + e.getMessage() + ")";
            problems.add(new ConfigProblem(key, "is malformed" + why + "; expected " + expected));
            return Optional.empty();
        }
    }

    private Optional<String> raw(String key) {
        try {
            return config.getOptionalValue(key, String.class).map(String::trim).filter(v -> !v.isEmpty());
        } catch (RuntimeException e) {
            // e.g. an expression such as ${undefined} that cannot be expanded
            problems.add(new ConfigProblem(key, "cannot be resolved"));
            return Optional.empty();
        }
    }

    private static String text(String value) {
        return value;
    }

    private static String uuid(String value) {
        if (!UUID.matcher(value).matches()) {
            throw new IllegalArgumentException("not a UUID");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static URI httpUri(String value) {
        URI uri = URI.create(value);
        if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute http(s) URL");
        }
        return uri;
    }

    private static URI httpsUri(String value) {
        URI uri = httpUri(value);
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("http is refused: the admin token would travel in clear");
        }
        return uri;
    }

    /**
     * The broker's own address as the admin registered it at Webex: the redirect URI without its
     * {@code /oauth/callback} (the callback lives right under the context path); its origin when it lacks that.
     */
    private static URI brokerUrlOf(URI redirectUri) {
        String path = redirectUri.getRawPath() == null ? "" : redirectUri.getRawPath();
        String base = path.endsWith("/oauth/callback") ? path.substring(0, path.length() - "/oauth/callback".length()) : "";
        return URI.create(redirectUri.getScheme() + "://" + redirectUri.getRawAuthority() + base);
    }

    /** An http(s) URL that may carry a key in its path or query, so it is kept as a secret. */
    private static Secret secretHttpUri(String value) {
        httpUri(value);
        return new Secret(value);
    }

    /** An http(s) URL without query or fragment; a trailing slash is dropped. */
    private static URI publicUrl(String value) {
        URI uri = httpUri(value);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("no query or fragment");
        }
        return URI.create(uri.toString().replaceAll("/+$", ""));
    }

    private static Path path(String value) {
        return Path.of(value);
    }

    private static Duration positiveDuration(String value) {
        Duration duration = Duration.parse(value);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("must be positive");
        }
        return duration;
    }

    private static double share(String value) {
        double share = Double.parseDouble(value);
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException("must be between 0 and 1");
        }
        return share;
    }

    private static java.util.List<String> addresses(String value) {
        java.util.List<String> blocks = new java.util.ArrayList<>(words(value));
        blocks.forEach(org.skillbroker.metrics.AddressBlock::parse); // malformed entries are reported now
        return blocks;
    }

    private static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not true or false");
        };
    }

    private static int positiveInt(String value) {
        int n = Integer.parseInt(value);
        if (n < 1) {
            throw new IllegalArgumentException("must be positive");
        }
        return n;
    }

    /** {@code 60/PT1M}; a bare number means per minute. */
    private static Settings.RateLimit rateLimit(String value) {
        int slash = value.indexOf('/');
        if (slash < 0) {
            return new Settings.RateLimit(positiveInt(value), Duration.ofMinutes(1));
        }
        return new Settings.RateLimit(positiveInt(value.substring(0, slash).trim()),
                positiveDuration(value.substring(slash + 1).trim()));
    }

    private static Set<String> origins(String value) {
        Set<String> origins = new LinkedHashSet<>();
        for (String origin : words(value)) {
            URI uri = httpUri(origin);
            if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null) {
                throw new IllegalArgumentException("an origin has no path: " + uri.getScheme() + "://" + uri.getHost());
            }
            origins.add(origin.toLowerCase(Locale.ROOT));
        }
        return origins;
    }

    private static Set<String> uuids(String value) {
        return words(value).stream().map(SettingsReader::uuid).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Optional<Path> auditFile(String value) {
        return "off".equalsIgnoreCase(value) ? Optional.empty() : Optional.of(Path.of(value));
    }

    private static Set<String> words(String value) {
        return Arrays.stream(value.split("[\\s,]+")).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** A plain address check: the mail server decides the rest, but a typo should show at start-up. */
    private static String email(String value) {
        if (!value.matches("[^@\\s,<>]+@[^@\\s,<>]+\\.[^@\\s,<>]+")) {
            throw new IllegalArgumentException("not an e-mail address");
        }
        return value;
    }

    private static List<String> emails(String value) {
        return words(value).stream().map(SettingsReader::email).toList();
    }

    private static Set<String> lowerCaseList(String value) {
        return words(value).stream().map(s -> s.toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Set<String> upperCaseList(String value) {
        return words(value).stream().map(s -> s.toUpperCase(Locale.ROOT))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
