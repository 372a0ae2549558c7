package org.skillbroker.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorization codes, access tokens and refresh tokens, with the lifetime rules of webex-api.md §1.5–1.6:
 * by default a refresh returns the same refresh token and does not extend its expiry.
 */
final class Tokens {

    /** Client id of tokens minted for the Agent Desktop: they count against their own CC rate limit. */
    static final String DESKTOP_CLIENT_ID = "wxcc-desktop-simulated";

    static final Duration CODE_LIFETIME = Duration.ofMinutes(5);

    record Code(String value, String clientId, String redirectUri, Set<String> scopes, SimUser user,
                String challenge, String challengeMethod, Instant expiresAt) {
    }

    /** An access token; {@code expired} is set by {@link #expireAccessTokens()}. */
    static final class AccessToken {
        final String value;
        final String clientId;
        final SimUser user;
        final Set<String> scopes;
        final Instant expiresAt;
        volatile boolean expired;
        /** The refresh token it was issued with (null for Desktop tokens): revoking that revokes this too. */
        volatile RefreshToken parent;

        AccessToken(String value, String clientId, SimUser user, Set<String> scopes, Instant expiresAt) {
            this.value = value;
            this.clientId = clientId;
            this.user = user;
            this.scopes = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(scopes));
            this.expiresAt = expiresAt;
        }

        boolean validAt(Instant now) {
            return !expired && now.isBefore(expiresAt);
        }

        boolean hasScope(String scope) {
            return scopes.contains(scope);
        }
    }

    static final class RefreshToken {
        final String value;
        final String clientId;
        final SimUser user;
        final Set<String> scopes;
        final Instant expiresAt;
        volatile boolean revoked;
        volatile Instant lastRefreshAt;
        volatile AccessToken lastAccessToken;
        /** The id of this grant in the Authorizations API. */
        final String authorizationId = Ids.restId("AUTHORIZATION", java.util.UUID.randomUUID().toString());
        final Instant created;

        RefreshToken(String value, String clientId, SimUser user, Set<String> scopes, Instant expiresAt) {
            this.value = value;
            this.clientId = clientId;
            this.user = user;
            this.scopes = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(scopes));
            this.expiresAt = expiresAt;
            this.created = Instant.now();
        }
    }

    /** What a token response carries. */
    record Issued(AccessToken access, RefreshToken refresh) {
    }

    private final SimClock clock;
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final java.util.Set<String> everIssued = ConcurrentHashMap.newKeySet();
    private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, RefreshToken> refreshTokens = new ConcurrentHashMap<>();
    private volatile Duration accessLifetime = Duration.ofSeconds(43199);
    private volatile Duration refreshLifetime = Duration.ofDays(60);
    private volatile Duration unchangedWithin = Duration.ZERO;
    private volatile boolean rotate;

    Tokens(SimClock clock) {
        this.clock = clock;
    }

    void setAccessLifetime(Duration d) {
        accessLifetime = positive(d);
    }

    void setRefreshLifetime(Duration d) {
        refreshLifetime = positive(d);
    }

    Duration accessLifetime() {
        return accessLifetime;
    }

    Duration refreshLifetime() {
        return refreshLifetime;
    }

    void setUnchangedWithin(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative");
        }
        unchangedWithin = d;
    }

    void setRotate(boolean rotate) {
        this.rotate = rotate;
    }

    Code newCode(String clientId, String redirectUri, Set<String> scopes, SimUser user, String challenge,
                 String challengeMethod) {
        Code code = new Code(Ids.token(user.orgUuid()), clientId, redirectUri, scopes, user, challenge,
                challengeMethod, clock.now().plus(CODE_LIFETIME));
        codes.put(code.value(), code);
        everIssued.add(code.value());
        return code;
    }

    /** Removes the code whatever happens next: codes are single-use (RFC 6749 §4.1.2). */
    Optional<Code> consumeCode(String value) {
        return value == null ? Optional.empty() : Optional.ofNullable(codes.remove(value));
    }

    boolean expired(Code code) {
        return !clock.now().isBefore(code.expiresAt());
    }

    Issued issue(String clientId, SimUser user, Set<String> scopes) {
        RefreshToken refresh = new RefreshToken(Ids.token(user.orgUuid()), clientId, user, scopes,
                clock.now().plus(refreshLifetime));
        everIssued.add(refresh.value);
        refreshTokens.put(refresh.value, refresh);
        AccessToken access = newAccessToken(clientId, user, scopes);
        access.parent = refresh;
        refresh.lastRefreshAt = clock.now();
        refresh.lastAccessToken = access;
        return new Issued(access, refresh);
    }

    AccessToken newAccessToken(String clientId, SimUser user, Set<String> scopes) {
        AccessToken access = new AccessToken(Ids.token(user.orgUuid()), clientId, user, scopes,
                clock.now().plus(accessLifetime));
        everIssued.add(access.value);
        accessTokens.put(access.value, access);
        return access;
    }

    /**
     * @return the refresh token if usable by this client, else empty (→ invalid_grant)
     */
    Optional<RefreshToken> usableRefreshToken(String value, String clientId) {
        RefreshToken refresh = value == null ? null : refreshTokens.get(value);
        if (refresh == null || refresh.revoked || !refresh.clientId.equals(clientId)
                || !clock.now().isBefore(refresh.expiresAt)) {
            return Optional.empty();
        }
        return Optional.of(refresh);
    }

    /** Refresh grant, following the configured Webex behaviour. */
    synchronized Issued refresh(RefreshToken refresh) {
        Instant now = clock.now();
        AccessToken last = refresh.lastAccessToken;
        // webex/integration-refresh README: within 24 h Webex may answer with unchanged values (webex-api.md §1.6).
        if (last != null && refresh.lastRefreshAt != null && !unchangedWithin.isZero()
                && now.isBefore(refresh.lastRefreshAt.plus(unchangedWithin)) && last.validAt(now)) {
            return new Issued(last, refresh);
        }
        RefreshToken current = refresh;
        if (rotate) {
            refresh.revoked = true;
            current = new RefreshToken(Ids.token(refresh.user.orgUuid()), refresh.clientId, refresh.user,
                    refresh.scopes, now.plus(refreshLifetime));
            everIssued.add(current.value);
            refreshTokens.put(current.value, current);
        }
        AccessToken access = newAccessToken(refresh.clientId, refresh.user, refresh.scopes);
        access.parent = current;
        current.lastRefreshAt = now;
        current.lastAccessToken = access;
        return new Issued(access, current);
    }

    /** @return the token if known (valid or not), so callers can tell "expired" from "unknown" if they wish */
    Optional<AccessToken> accessToken(String value) {
        return value == null ? Optional.empty() : Optional.ofNullable(accessTokens.get(value));
    }

    /** A known, unexpired access token. */
    Optional<AccessToken> validAccessToken(String value) {
        return accessToken(value).filter(t -> t.validAt(clock.now()));
    }

    /** The person's live grants (refresh tokens not revoked or expired), oldest first: the Authorizations API. */
    java.util.List<RefreshToken> grantsOf(SimUser user) {
        return refreshTokens.values().stream()
                .filter(r -> r.user.personUuid().equals(user.personUuid()) && !r.revoked
                        && clock.now().isBefore(r.expiresAt))
                .sorted(java.util.Comparator.comparing(r -> r.created)).toList();
    }

    /**
     * Deletes a grant by its authorization id: the refresh token and every access token issued with it stop
     * working ("Deleting a refresh token will revoke all associated access tokens as well").
     */
    Optional<RefreshToken> revoke(String authorizationId) {
        Optional<RefreshToken> found = refreshTokens.values().stream()
                .filter(r -> r.authorizationId.equals(authorizationId) && !r.revoked).findFirst();
        found.ifPresent(r -> {
            r.revoked = true;
            accessTokens.values().stream().filter(a -> a.parent == r).forEach(a -> a.expired = true);
        });
        return found;
    }

    void revokeGrants() {
        refreshTokens.values().forEach(r -> r.revoked = true);
    }

    void expireAccessTokens() {
        accessTokens.values().forEach(t -> t.expired = true);
    }

    long secondsLeft(Instant expiresAt) {
        return Math.max(0, Duration.between(clock.now(), expiresAt).getSeconds());
    }

    private static Duration positive(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive");
        }
        return d;
    }

    /** Every code, access token and refresh token ever issued: what a leak check must never find elsewhere. */
    java.util.Set<String> issuedSecrets() {
        return java.util.Set.copyOf(everIssued);
    }
}
