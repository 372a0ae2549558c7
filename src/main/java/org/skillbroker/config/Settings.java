package org.skillbroker.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting of the broker, typed. Built only by {@link SettingsReader}; the rest of the code never reads
 * configuration itself.
 */
public record Settings(Webex webex, Store store, Refresh refresh, Setup setup, Http http, Api api,
                       Widget widget, Metrics metrics, Changes changes, Alerts alerts, ServiceApp serviceApp) {

    /** All keys share this prefix, so environment variables read {@code SKILLBROKER_...}. */
    public static final String PREFIX = "skillbroker.";

    /** The Webex integration and the Contact Center tenant it acts on. */
    public record Webex(String clientId, Secret clientSecret, URI redirectUri, String orgId, Datacenter datacenter,
                        Set<String> scopes, URI apiBase, URI ccApiBase) {
        public URI authorizeUri() {
            return apiBase.resolve("/v1/authorize");
        }

        public URI tokenUri() {
            return apiBase.resolve("/v1/access_token");
        }
    }

    /**
     * Where the shared state lives and where the grant's key comes from.
     *
     * @param dir        the state directory (file store), also home of generated keys and the default audit file
     * @param datasource when set, the JNDI name of the DataSource that holds the shared state instead of {@code dir}
     * @param leaseTtl   how long a lease (refresh, profile write) outlives a holder that died or stalled; held
     *                   leases are renewed every third of it
     * @param importFrom a store to move the grant and pending reverts from at start (a directory, or a JNDI name
     *                   {@code java:...}): switching stores
     */
    public record Store(Path dir, Optional<Secret> inlineKeys, Optional<Path> keyFile, Optional<Path> keystore,
                        Optional<Secret> keystorePassword, Optional<String> primaryKeyId, Path generatedKeyFile,
                        Optional<String> datasource, Duration leaseTtl, Optional<String> importFrom) {
    }

    /**
     * When the refresher acts.
     *
     * @param atShare refresh once this share of the access token's lifetime has passed (0 &lt; share &lt; 1)
     * @param maxInterval refresh at least this often, so the refresh token is used and kept alive
     * @param checkInterval how often the timer looks
     * @param warningHorizon warn when the refresh token expires within this
     */
    public record Refresh(double atShare, Duration maxInterval, Duration checkInterval, Duration backoffInitial,
                          Duration backoffMax, Duration warningHorizon) {
    }

    /**
     * Who may use {@code /setup}.
     *
     * @param adminEmails if not empty, only these Webex users (lower case) may sign in
     * @param adminProfileTypes Contact Center user-profile types that count as administrator
     * @param stateTtl how long an authorization request ({@code state}, PKCE verifier) stays valid
     * @param adminRecheckInterval how often the connecting administrator is re-checked (still active, still a
     *                             Contact Center administrator)
     */
    public record Setup(Set<String> adminEmails, Set<String> adminProfileTypes, Duration stateTtl,
                        Duration adminRecheckInterval) {
    }

    /** Bounds on every call to Webex, so a slow upstream cannot hold the container's threads. */
    public record Http(Duration connectTimeout, Duration readTimeout) {
    }

    /**
     * The supervisor-facing API under {@code /api}.
     *
     * @param allowedOrigins browser origins whose CORS preflights are answered (exact match)
     * @param allowedProfileTypes Contact Center user-profile types whose users may change proficiencies
     * @param allowedSkillProfileIds if not empty, only these skill profiles may be read or changed
     * @param allowedSkillIds if not empty, only these skills may be changed
     * @param teamScoping a supervisor limited to specific teams may change only profiles used within them
     * @param auditFile the append-only audit file; empty when switched off
     * @param auditMaxBytes the size at which the audit file is rotated
     * @param auditRotatedFiles how many rotated audit files are kept (the oldest beyond is deleted)
     * @param upstreamBudget calls to Contact Center with the integration's token, all nodes together (Contact
     *                       Center allows 300 a minute per client id)
     * @param lookupsPerAddress how often one client address may make the broker ask Webex whose an uncached
     *                          token is ({@code people/me})
     * @param enumValueForm how an agent's enum skill value is named in {@code reskill}'s {@code enumSkillValues}
     */
    public record Api(Set<String> allowedOrigins, Set<String> allowedProfileTypes, Set<String> allowedSkillProfileIds,
                      Set<String> allowedSkillIds, boolean teamScoping, Duration identityCacheTtl,
                      int identityCacheSize, Duration skillCacheTtl, RateLimit perCallerLimit, RateLimit globalLimit,
                      int maxBodyBytes, int writeRetries, Optional<Path> auditFile, long auditMaxBytes,
                      int auditRotatedFiles, RateLimit upstreamBudget, RateLimit lookupsPerAddress,
                      EnumValueForm enumValueForm) {
    }

    /**
     * What {@code UpdateDynamicSkillsDTO.enumSkillValues} carries: Cisco's schema says "strings" and not whether
     * they are the values' ids or names. {@code ID} by analogy with skill profiles ({@code enumSkillValueId}); the
     * read-back after every write shows whether Contact Center took it.
     */
    public enum EnumValueForm {
        ID, NAME
    }

    /** At most {@code requests} per {@code per}, refilled evenly (a token bucket). */
    public record RateLimit(int requests, Duration per) {
        public RateLimit {
            if (requests < 1 || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("a rate limit needs at least one request per positive duration");
            }
        }
    }

    /**
     * The Desktop widget the WAR serves.
     *
     * @param publicUrl the broker's address as browsers reach it (scheme, host, port, context path), written into
     *                  the Desktop layout snippet: {@code skillbroker.public-url}, else the redirect URI without
     *                  {@code /oauth/callback}. Never taken from a request's {@code Host}, which anyone can forge.
     */
    public record Widget(URI publicUrl) {
    }

    /**
     * Who may read {@code /metrics}. It reveals no secret, but not everyone needs request counts.
     *
     * @param allowedAddresses client addresses or CIDR blocks (e.g. {@code 127.0.0.1}, {@code 10.0.0.0/8}) that
     *                         may scrape without a token, unless the request came through a proxy; empty by default
     * @param bearerToken when set, a scraper presenting it may read from anywhere
     */
    public record Metrics(boolean enabled, List<String> allowedAddresses, Optional<Secret> bearerToken) {
        public Metrics {
            allowedAddresses = List.copyOf(allowedAddresses);
        }
    }

    /**
     * Timed changes and their reverts.
     *
     * @param maxAhead      how far ahead a change's {@code until} may be
     * @param checkInterval how often each node looks for due reverts
     * @param overdueAfter  a revert still pending this long after its time makes {@code /health} warn
     */
    public record Changes(Duration maxAhead, Duration checkInterval, Duration overdueAfter) {
    }

    /**
     * Where the operator hears about trouble. Every channel is optional; none configured means alerts only reach
     * the log, the status page and {@code /health}.
     *
     * @param webexBotToken a Webex bot's access token, used only to post to {@code webexRoomId}
     * @param webexRoomId the Webex space the bot posts to (the bot must be a member)
     * @param mailSession JNDI name of the container's Jakarta Mail session, e.g. {@code java:comp/env/mail/Session}
     * @param mailTo recipients of alert e-mails
     * @param mailFrom sender address; when empty, the session's {@code mail.from}
     * @param webhookUrl receives each alert as a JSON POST; a secret, because many receivers (Teams, Slack)
     *                   put their key into the URL
     * @param repeatInterval while a condition lasts, its alert is repeated at most this often
     * @param refreshFailingAfter "refresh failing" fires when a due refresh has not succeeded for this long
     * @param retryInitial first wait after a failed delivery (doubles, with jitter)
     * @param retryMax longest wait between delivery attempts
     */
    public record Alerts(Optional<Secret> webexBotToken, Optional<String> webexRoomId, Optional<String> mailSession,
                         List<String> mailTo, Optional<String> mailFrom, Optional<Secret> webhookUrl,
                         Duration repeatInterval, Duration refreshFailingAfter, Duration retryInitial,
                         Duration retryMax) {
        public Alerts {
            mailTo = List.copyOf(mailTo);
        }
    }

    /**
     * The Contact Center Service App whose grant the broker keeps instead of an administrator's own: an
     * organisation-level machine account, so the grant does not die with one person's account.
     *
     * @param applicationId the Service App's id (the path of {@code POST /v1/applications/{id}/token})
     * @param clientId its client id, also used to refresh its tokens
     * @param clientSecret its client secret
     */
    public record ServiceApp(Optional<String> applicationId, Optional<String> clientId, Optional<Secret> clientSecret) {
        public boolean enabled() {
            return applicationId.isPresent() && clientId.isPresent() && clientSecret.isPresent();
        }
    }
}
