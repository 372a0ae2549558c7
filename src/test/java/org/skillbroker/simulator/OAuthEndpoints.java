package org.skillbroker.simulator;

import jakarta.json.Json;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Webex OAuth2 for integrations (webex-api.md §1): the authorize page, its consent POST and the token endpoint
 * (authorization_code with optional PKCE, refresh_token). Behaviour follows RFC 6749 and RFC 7636.
 */
final class OAuthEndpoints {

    /** RFC 7636 §4.1: 43–128 characters from the unreserved set. */
    private static final Pattern VERIFIER = Pattern.compile("^[A-Za-z0-9\\-._~]{43,128}$");

    private final Clients clients;
    private final Tokens tokens;
    private final Directory directory;

    private final java.util.function.Supplier<Set<String>> withheld;

    private final java.util.function.BooleanSupplier omitScope;

    OAuthEndpoints(Clients clients, Tokens tokens, Directory directory, java.util.function.Supplier<Set<String>> withheld,
                   java.util.function.BooleanSupplier omitScope) {
        this.withheld = withheld;
        this.omitScope = omitScope;
        this.clients = clients;
        this.tokens = tokens;
        this.directory = directory;
    }

    void register(Router router) {
        router.add("GET", "/v1/authorize", (ex, p) -> authorizePage(ex));
        router.add("POST", "/v1/authorize", (ex, p) -> consent(ex));
        router.add("POST", "/v1/access_token", (ex, p) -> token(ex));
    }

    private void authorizePage(SimExchange ex) throws IOException {
        Map<String, String> params = ex.queryParams();
        if (!clientAndRedirectOk(ex, params)) {
            return;
        }
        Optional<String> error = requestError(params);
        if (error.isPresent()) {
            redirectError(ex, params, error.get(), describe(error.get()));
            return;
        }
        ex.html(200, AuthorizePage.render(params, directory.users(), directory));
    }

    private void consent(SimExchange ex) throws IOException {
        Map<String, String> form = ex.form();
        if (!clientAndRedirectOk(ex, form)) {
            return;
        }
        Optional<String> error = requestError(form);
        if (error.isPresent()) {
            redirectError(ex, form, error.get(), describe(error.get()));
            return;
        }
        if (!"accept".equals(form.get("decision"))) {
            redirectError(ex, form, "access_denied", "The user denied the request");
            return;
        }
        Optional<SimUser> user = directory.user(form.getOrDefault("user", ""));
        if (user.isEmpty()) {
            ex.html(400, AuthorizePage.error("Choose a user to sign in as."));
            return;
        }
        String challenge = blankToNull(form.get("code_challenge"));
        String method = challenge == null ? null : form.getOrDefault("code_challenge_method", "plain");
        Tokens.Code code = tokens.newCode(form.get("client_id"), form.get("redirect_uri"), scopes(form.get("scope")),
                user.get(), challenge, method);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("code", code.value());
        putIfPresent(query, "state", form.get("state"));
        ex.redirect(withQuery(form.get("redirect_uri"), query));
    }

    /** Never redirect to an unverified URI (RFC 6749 §4.1.2.1): a bad client or redirect gets an error page. */
    private boolean clientAndRedirectOk(SimExchange ex, Map<String, String> params) throws IOException {
        if (!clients.known(params.get("client_id"))) {
            ex.html(400, AuthorizePage.error("Invalid client_id: this integration is not registered."));
            return false;
        }
        if (!clients.redirectAllowed(params.get("client_id"), params.get("redirect_uri"))) {
            ex.html(400, AuthorizePage.error("redirect_uri does not match a URI registered for this integration."));
            return false;
        }
        return true;
    }

    private static Optional<String> requestError(Map<String, String> params) {
        if (!"code".equals(params.get("response_type"))) {
            return Optional.of("unsupported_response_type");
        }
        if (blankToNull(params.get("scope")) == null) {
            return Optional.of("invalid_scope");
        }
        String method = params.get("code_challenge_method");
        if (method != null && !method.equals("S256") && !method.equals("plain")) {
            return Optional.of("invalid_request");
        }
        if (method != null && blankToNull(params.get("code_challenge")) == null) {
            return Optional.of("invalid_request");
        }
        return Optional.empty();
    }

    private static String describe(String error) {
        return switch (error) {
            case "unsupported_response_type" -> "response_type must be code";
            case "invalid_scope" -> "scope must not be empty";
            default -> "code_challenge_method must be S256 or plain, with a code_challenge";
        };
    }

    private static void redirectError(SimExchange ex, Map<String, String> params, String error, String description)
            throws IOException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("error", error);
        query.put("error_description", description);
        putIfPresent(query, "state", params.get("state"));
        ex.redirect(withQuery(params.get("redirect_uri"), query));
    }

    private void token(SimExchange ex) throws IOException {
        ex.setHeader("Cache-Control", "no-store");
        ex.setHeader("Pragma", "no-cache");
        String contentType = ex.header("content-type");
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded")) {
            // RFC 6749 §4.1.3: the token request is form-encoded; a JSON body is a client bug worth surfacing.
            ex.json(400, JsonBodies.oauthError("invalid_request",
                    "Content-Type must be application/x-www-form-urlencoded", ex.trackingId()));
            return;
        }
        Map<String, String> form = ex.form();
        Optional<String> clientId = authenticateClient(ex, form);
        if (clientId.isEmpty()) {
            ex.setHeader("WWW-Authenticate", "Basic realm=\"webex\"");
            ex.json(401, JsonBodies.oauthError("invalid_client", "Client authentication failed", ex.trackingId()));
            return;
        }
        String grantType = form.get("grant_type");
        if (grantType == null) {
            ex.json(400, JsonBodies.oauthError("invalid_request", "grant_type is required", ex.trackingId()));
        } else if (grantType.equals("authorization_code")) {
            codeGrant(ex, form, clientId.get());
        } else if (grantType.equals("refresh_token")) {
            refreshGrant(ex, form, clientId.get());
        } else {
            ex.json(400, JsonBodies.oauthError("unsupported_grant_type", "Unsupported grant_type " + grantType,
                    ex.trackingId()));
        }
    }

    /** Basic header (RFC 6749 §2.3.1) or body credentials, as Webex accepts both (webex-api.md §1.3). */
    private Optional<String> authenticateClient(SimExchange ex, Map<String, String> form) {
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        String auth = ex.header("authorization");
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon < 0) {
                    return Optional.empty();
                }
                id = java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
                secret = java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return clients.authenticate(id, secret) ? Optional.of(id) : Optional.empty();
    }

    private void codeGrant(SimExchange ex, Map<String, String> form, String clientId) throws IOException {
        Optional<Tokens.Code> found = tokens.consumeCode(form.get("code"));
        if (found.isEmpty()) {
            invalidGrant(ex, "The authorization code is invalid or has already been used");
            return;
        }
        Tokens.Code code = found.get();
        if (tokens.expired(code)) {
            invalidGrant(ex, "The authorization code has expired");
        } else if (!code.clientId().equals(clientId)) {
            invalidGrant(ex, "The authorization code was issued to another client");
        } else if (!code.redirectUri().equals(form.get("redirect_uri"))) {
            invalidGrant(ex, "redirect_uri does not match the authorization request");
        } else if (code.challenge() != null && !verifierMatches(code, form.get("code_verifier"))) {
            invalidGrant(ex, "code_verifier does not match the code_challenge");
        } else {
            Set<String> granted = new java.util.LinkedHashSet<>(code.scopes());
            granted.removeAll(withheld.get());
            tokenResponse(ex, tokens.issue(clientId, code.user(), granted));
        }
    }

    private void refreshGrant(SimExchange ex, Map<String, String> form, String clientId) throws IOException {
        Optional<Tokens.RefreshToken> refresh = tokens.usableRefreshToken(form.get("refresh_token"), clientId);
        if (refresh.isEmpty()) {
            invalidGrant(ex, "The refresh token provided is expired, revoked, malformed, or invalid");
            return;
        }
        tokenResponse(ex, tokens.refresh(refresh.get()));
    }

    private void tokenResponse(SimExchange ex, Tokens.Issued issued) throws IOException {
        jakarta.json.JsonObjectBuilder answer = Json.createObjectBuilder()
                .add("access_token", issued.access().value)
                .add("expires_in", tokens.secondsLeft(issued.access().expiresAt))
                .add("refresh_token", issued.refresh().value)
                .add("refresh_token_expires_in", tokens.secondsLeft(issued.refresh().expiresAt))
                .add("token_type", "Bearer");
        if (!omitScope.getAsBoolean()) {
            answer.add("scope", String.join(" ", issued.access().scopes));
        }
        ex.json(200, answer.build());
    }

    private static void invalidGrant(SimExchange ex, String description) throws IOException {
        ex.json(400, JsonBodies.oauthError("invalid_grant", description, ex.trackingId()));
    }

    /** RFC 7636 §4.6. */
    private static boolean verifierMatches(Tokens.Code code, String verifier) {
        if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
            return false;
        }
        String expected;
        if ("S256".equals(code.challengeMethod())) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                expected = Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        } else {
            expected = verifier;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                code.challenge().getBytes(StandardCharsets.US_ASCII));
    }

    private static Set<String> scopes(String scope) {
        return new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    static String withQuery(String uri, Map<String, String> params) {
        StringBuilder out = new StringBuilder(uri);
        char sep = uri.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            out.append(sep).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return out.toString();
    }
}
