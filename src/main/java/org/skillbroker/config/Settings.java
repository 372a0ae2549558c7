package org.skillbroker.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting of the broker, typed. Built only by {@link SettingsReader}; the rest of the code never reads
 * configuration itself.
 */
public record Settings(Webex webex, Store store, Refresh refresh, Setup setup, Http http, Widget widget) {

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

    /** Where the encrypted grant lives and where its key comes from. */
    public record Store(Path dir, Optional<Secret> inlineKeys, Optional<Path> keyFile, Optional<Path> keystore,
                        Optional<Secret> keystorePassword, Optional<String> primaryKeyId, Path generatedKeyFile) {
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
     */
    public record Setup(Set<String> adminEmails, Set<String> adminProfileTypes, Duration stateTtl) {
    }

    /** Bounds on every call to Webex, so a slow upstream cannot hold the container's threads. */
    public record Http(Duration connectTimeout, Duration readTimeout) {
    }

    /**
     * The Desktop widget the WAR serves.
     *
     * @param publicUrl the broker's address as browsers reach it (scheme, host, port, context path), written into
     *                  the Desktop layout snippet; when empty it is derived from the request
     */
    public record Widget(Optional<URI> publicUrl) {
    }
}
