package org.skillbroker.caller;

/**
 * Proves who holds a Desktop token. One small seam because how to prove it is unconfirmed (whether the Desktop
 * token carries {@code spark:people_read} is [NC] in webex-api.md §4.1); an alternative (userinfo, a JWT) is a
 * new implementation of this interface and nothing else.
 */
public interface IdentityVerifier {

    /**
     * @throws org.skillbroker.problem.ApiException 401 when the token is rejected, 403 when it cannot prove an
     *                                              identity (lacks a scope)
     */
    Identity verify(BearerToken token);
}
