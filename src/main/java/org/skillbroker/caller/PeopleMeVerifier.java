package org.skillbroker.caller;

import org.skillbroker.problem.ApiException;
import org.skillbroker.problem.Problem;
import org.skillbroker.webex.PeopleClient;
import org.skillbroker.webex.Person;
import org.skillbroker.webex.WebexForbiddenException;
import org.skillbroker.webex.WebexUnauthorizedException;

import java.util.Map;
import java.util.Objects;

/** {@code GET /v1/people/me} with the caller's own token: a 200 proves it is live and whose it is (§4.2). */
public final class PeopleMeVerifier implements IdentityVerifier {

    private final PeopleClient people;

    public PeopleMeVerifier(PeopleClient people) {
        this.people = Objects.requireNonNull(people, "people");
    }

    @Override
    public Identity verify(BearerToken token) {
        try {
            Person person = people.me(token.reveal());
            return new Identity(person.personUuid(), person.orgUuid(), person.email(), person.displayName());
        } catch (WebexUnauthorizedException e) {
            throw BearerToken.unauthorized("invalid-token", "Token rejected",
                    "Webex rejected the token: it is invalid or expired. Reload the Desktop to get a fresh one.",
                    "invalid_token");
        } catch (WebexForbiddenException e) {
            if (e.missingScope()) {
                // RFC 6750 §3.1: insufficient_scope is a 403
                throw new ApiException(Problem.of("desktop-token-lacks-scope", "Desktop token lacks a scope", 403,
                        "The Desktop token lacks the spark:people_read scope, so the broker cannot learn who you are."),
                        Map.of("WWW-Authenticate",
                                "Bearer realm=\"skill-broker\", error=\"insufficient_scope\", scope=\"spark:people_read\""));
            }
            throw ApiException.of("identity-refused", "Identity refused", 403,
                    "Webex refused to say whose token this is.");
        }
    }
}
