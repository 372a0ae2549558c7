package org.skillbroker.config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsReaderTest {

    private static final String SECRET = "s3cr3t-client-secret-value";

    static Map<String, String> complete() {
        Map<String, String> values = new HashMap<>();
        values.put("skillbroker.webex.client-id", "C0123");
        values.put("skillbroker.webex.client-secret", SECRET);
        values.put("skillbroker.webex.redirect-uri", "https://broker.example.com/skill-broker/oauth/callback");
        values.put("skillbroker.webex.org-id", "F53C8B54-46CA-43F6-BA05-08426A46E23D");
        values.put("skillbroker.webex.datacenter", "eu2");
        values.put("skillbroker.store.dir", "/var/lib/skill-broker");
        return values;
    }

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().addDefaultInterceptors().addSystemSources()
                .withSources(new PropertiesConfigSource(values, "test", 500))
                .withSources(new PropertiesConfigSource(defaults(), "defaults", 100))
                .build();
    }

    private static Map<String, String> defaults() {
        try (var in = SettingsReaderTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            Map<String, String> map = new HashMap<>();
            properties.stringPropertyNames().forEach(n -> map.put(n, properties.getProperty(n)));
            return map;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void completeConfigurationGivesTypedSettingsWithDefaults() {
        SettingsReport report = SettingsReader.read(config(complete()));

        assertTrue(report.problems().isEmpty(), report.problems().toString());
        Settings settings = report.settings().orElseThrow();
        assertEquals("f53c8b54-46ca-43f6-ba05-08426a46e23d", settings.webex().orgId());
        assertEquals(Datacenter.EU2, settings.webex().datacenter());
        assertEquals(URI.create("https://api.wxcc-eu2.cisco.com"), settings.webex().ccApiBase());
        assertEquals(URI.create("https://webexapis.com/v1/authorize"), settings.webex().authorizeUri());
        assertEquals(Set.of("cjp:config_read", "cjp:config_write", "spark:people_read"), settings.webex().scopes());
        assertEquals(0.75, settings.refresh().atShare());
        assertEquals(Duration.ofDays(14), settings.refresh().warningHorizon());
        assertEquals(Set.of("ADMINISTRATOR", "ADMINISTRATOR_ONLY"), settings.setup().adminProfileTypes());
        assertEquals(SECRET, settings.webex().clientSecret().reveal());
    }

    @Test
    void theApiDefaultsToEveryDesktopOriginSupervisorsAndLimitsBelowWebexs() {
        Settings.Api api = SettingsReader.read(config(complete())).settings().orElseThrow().api();

        assertEquals(Datacenter.values().length, api.allowedOrigins().size());
        assertTrue(api.allowedOrigins().contains("https://desktop.wxcc-eu2.cisco.com"));
        assertEquals(Set.of("SUPERVISOR", "ADMINISTRATOR"), api.allowedProfileTypes());
        assertTrue(api.allowedSkillProfileIds().isEmpty());
        assertTrue(api.allowedSkillIds().isEmpty());
        assertTrue(api.teamScoping());
        assertEquals(Duration.ofMinutes(2), api.identityCacheTtl());
        assertEquals(10000, api.identityCacheSize());
        assertEquals(Duration.ofMinutes(10), api.skillCacheTtl());
        assertEquals(new Settings.RateLimit(60, Duration.ofMinutes(1)), api.perCallerLimit());
        assertEquals(new Settings.RateLimit(240, Duration.ofMinutes(1)), api.globalLimit());
        assertEquals(16384, api.maxBodyBytes());
        assertEquals(5, api.writeRetries());
        assertEquals(java.util.Optional.of(java.nio.file.Path.of("/var/lib/skill-broker/audit.log")), api.auditFile());
    }

    @Test
    void apiSettingsAreReadAndCheckedLikeTheRest() {
        Map<String, String> values = complete();
        values.put("skillbroker.api.allowed-origins", "https://Widgets.example.com, http://localhost:3000");
        values.put("skillbroker.api.allowed-skill-ids", "not-a-uuid");
        values.put("skillbroker.api.rate-limit.per-caller", "30");
        values.put("skillbroker.api.rate-limit.global", "0/PT1M");
        values.put("skillbroker.api.team-scoping", "maybe");
        values.put("skillbroker.audit.file", "off");

        SettingsReport report = SettingsReader.read(config(values));

        assertEquals(Set.of("skillbroker.api.allowed-skill-ids", "skillbroker.api.rate-limit.global",
                        "skillbroker.api.team-scoping"),
                report.problems().stream().map(ConfigProblem::key).collect(java.util.stream.Collectors.toSet()));
        values.remove("skillbroker.api.allowed-skill-ids");
        values.remove("skillbroker.api.rate-limit.global");
        values.remove("skillbroker.api.team-scoping");
        Settings.Api api = SettingsReader.read(config(values)).settings().orElseThrow().api();
        assertEquals(Set.of("https://widgets.example.com", "http://localhost:3000"), api.allowedOrigins());
        assertEquals(new Settings.RateLimit(30, Duration.ofMinutes(1)), api.perCallerLimit());
        assertTrue(api.auditFile().isEmpty());
    }

    @Test
    void ccApiBaseOverridesTheDatacenterHost() {
        Map<String, String> values = complete();
        values.put("skillbroker.cc.api-base", "https://cc.example.test:9443");
        Settings settings = SettingsReader.read(config(values)).settings().orElseThrow();
        assertEquals(URI.create("https://cc.example.test:9443"), settings.webex().ccApiBase());
    }

    @Test
    void plainHttpToWebexIsRefusedUnlessExplicitlyAllowed() {
        Map<String, String> values = complete();
        values.put("skillbroker.cc.api-base", "http://127.0.0.1:9099");
        values.put("skillbroker.webex.api-base", "http://127.0.0.1:9099");
        SettingsReport refused = SettingsReader.read(config(values));
        assertEquals(Set.of("skillbroker.cc.api-base", "skillbroker.webex.api-base"),
                refused.problems().stream().map(ConfigProblem::key).collect(java.util.stream.Collectors.toSet()));

        values.put("skillbroker.webex.allow-insecure-http", "true");
        Settings settings = SettingsReader.read(config(values)).settings().orElseThrow();
        assertEquals(URI.create("http://127.0.0.1:9099"), settings.webex().ccApiBase());
        assertEquals(URI.create("http://127.0.0.1:9099"), settings.webex().apiBase());
    }

    @Test
    void thePublicUrlDefaultsToTheRedirectUriNotToAnyRequest() {
        Map<String, String> values = complete();
        values.put("skillbroker.webex.redirect-uri", "https://broker.example.com:8443/skill-broker/oauth/callback");
        Settings settings = SettingsReader.read(config(values)).settings().orElseThrow();
        assertEquals(URI.create("https://broker.example.com:8443/skill-broker"), settings.widget().publicUrl());

        values.put("skillbroker.public-url", "https://widgets.example.com/broker/");
        assertEquals(URI.create("https://widgets.example.com/broker"),
                SettingsReader.read(config(values)).settings().orElseThrow().widget().publicUrl());
    }

    @Test
    void metricsNeedTheTokenUnlessAddressesAreNamed() {
        Settings settings = SettingsReader.read(config(complete())).settings().orElseThrow();
        assertEquals(List.of(), settings.metrics().allowedAddresses());
    }

    @Test
    void everyMissingRequiredKeyIsNamedAtOnce() {
        SettingsReport report = SettingsReader.read(config(Map.of()));

        assertTrue(report.settings().isEmpty());
        Set<String> keys = report.problems().stream().map(ConfigProblem::key).collect(java.util.stream.Collectors.toSet());
        assertTrue(keys.containsAll(Set.of("skillbroker.webex.client-id", "skillbroker.webex.client-secret",
                "skillbroker.webex.redirect-uri", "skillbroker.webex.org-id", "skillbroker.webex.datacenter")), keys.toString());
    }

    @Test
    void malformedValuesAreReportedWithoutEchoingThem() {
        Map<String, String> values = complete();
        values.put("skillbroker.webex.datacenter", "mars1");
        values.put("skillbroker.webex.org-id", SECRET);
        values.put("skillbroker.refresh.at-share", "1.5");
        values.put("skillbroker.refresh.max-interval", "tomorrow");
        values.put("skillbroker.webex.redirect-uri", "ftp://x");

        SettingsReport report = SettingsReader.read(config(values));

        assertEquals(Set.of("skillbroker.webex.datacenter", "skillbroker.webex.org-id", "skillbroker.refresh.at-share",
                        "skillbroker.refresh.max-interval", "skillbroker.webex.redirect-uri"),
                report.problems().stream().map(ConfigProblem::key).collect(java.util.stream.Collectors.toSet()));
        assertFalse(report.problems().toString().contains(SECRET));
        assertTrue(report.problems().toString().contains("us1, eu1, eu2, anz1, ca1, jp1, sg1, in1"));
    }

    @Test
    void secretsPrintRedacted() {
        Settings settings = SettingsReader.read(config(complete())).settings().orElseThrow();
        assertFalse(settings.toString().contains(SECRET));
    }
}
