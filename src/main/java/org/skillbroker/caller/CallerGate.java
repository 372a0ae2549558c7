package org.skillbroker.caller;

import org.skillbroker.config.Settings;
import org.skillbroker.problem.ApiException;
import org.skillbroker.token.AdminCalls;
import org.skillbroker.webex.ContactCenterUser;
import org.skillbroker.webex.ContactCenterUsers;
import org.skillbroker.webex.WebexNotFoundException;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who is calling, and may they use the API at all (webex-api.md §4.2): the Desktop token proves a person of the
 * admin grant's org; the person's Contact Center user profile must be of an allowed type. Both answers are cached
 * (identity by a hash of the token, the CC user by person id) so a busy supervisor costs Webex one lookup per
 * cache lifetime, not one per click. The rate limits are taken once the caller is known and before any call on
 * the admin's Contact Center budget.
 */
public final class CallerGate {

    private final IdentityVerifier verifier;
    private final ContactCenterUsers users;
    private final AdminCalls admin;
    private final RateLimits limits;
    private final Supplier<String> adminOrg;
    private final Set<String> allowedProfileTypes;
    private final ExpiringCache<String, Identity> identities;
    private final ExpiringCache<String, ContactCenterUser> roles;
    private final ExpiringCache<String, Boolean> rejected;
    private final AddressLimits addresses;

    /** @param adminOrg the org of the stored admin grant; throws when there is no grant */
    public CallerGate(IdentityVerifier verifier, ContactCenterUsers users, AdminCalls admin, RateLimits limits,
                      AddressLimits addresses, Supplier<String> adminOrg, Settings.Api api, Clock clock) {
        this.addresses = Objects.requireNonNull(addresses, "addresses");
        this.rejected = new ExpiringCache<>(clock, api.identityCacheTtl(), api.identityCacheSize());
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.users = Objects.requireNonNull(users, "users");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.adminOrg = Objects.requireNonNull(adminOrg, "adminOrg");
        this.allowedProfileTypes = Set.copyOf(api.allowedProfileTypes());
        this.identities = new ExpiringCache<>(clock, api.identityCacheTtl(), api.identityCacheSize());
        this.roles = new ExpiringCache<>(clock, api.identityCacheTtl(), api.identityCacheSize());
    }

    /**
     * @param authorization every {@code Authorization} header of the request
     * @param address       the client's address, for the limit on identity lookups
     */
    public Caller admit(List<String> authorization, String address) {
        BearerToken token = BearerToken.from(authorization);
        String org = adminOrg.get(); // no grant: 503 before anything is spent
        Identity identity = identify(token, address);
        if (!identity.orgUuid().equals(org)) {
            throw ApiException.of("wrong-org", "Another organisation", 403,
                    "You are signed in to a Webex organisation that this broker does not serve.");
        }
        limits.admit(identity.personUuid());
        ContactCenterUser user = roles.get(identity.personUuid()).orElseGet(() -> {
            ContactCenterUser found = lookUp(org, identity.personUuid());
            roles.put(identity.personUuid(), found);
            return found;
        });
        if (!user.active() || !user.contactCenterEnabled()) {
            throw ApiException.of("inactive-user", "Inactive user", 403,
                    "Your Contact Center user is inactive or not enabled for Contact Center. Ask a Contact Center "
                            + "administrator to activate it.");
        }
        if (!allowedProfileTypes.contains(user.profileType())) {
            throw ApiException.of("profile-type-not-allowed", "Not a supervisor", 403,
                    "Your Contact Center user profile (" + (user.profileType().isEmpty() ? "none" : user.profileType())
                            + ") may not change skills. Ask a Contact Center administrator for a profile of type "
                            + String.join(" or ", allowedProfileTypes.stream().sorted().toList()) + ".")
                    .with("profileType", user.profileType().isEmpty() ? "none" : user.profileType()); // for the widget's own words
        }
        return new Caller(identity, user, token);
    }

    /**
     * The token's owner, from the cache or from Webex. A token Webex rejected is remembered (by hash) for the
     * identity-cache lifetime and refused again without a call; a lookup is limited per client address.
     */
    private Identity identify(BearerToken token, String address) {
        String key = token.hash();
        Optional<Identity> cached = identities.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        if (rejected.get(key).isPresent()) {
            throw rejectedToken();
        }
        addresses.admitLookup(address);
        Identity verified;
        try {
            verified = verifier.verify(token);
        } catch (ApiException e) {
            if (e.problem().status() == 401) {
                rejected.put(key, Boolean.TRUE);
            }
            throw e;
        }
        identities.put(key, verified);
        return verified;
    }

    /**
     * Webex answered 401 to a call made with this caller's own token: it was revoked or expired since it was
     * cached. Forgets it at once, and refuses it from now on without asking Webex again.
     */
    public ApiException revoked(List<String> authorization) {
        return revoked(BearerToken.from(authorization));
    }

    /** As {@link #revoked(List)}, for a caller already identified. */
    public ApiException revoked(BearerToken token) {
        String key = token.hash();
        identities.remove(key);
        rejected.put(key, Boolean.TRUE);
        return rejectedToken();
    }

    /** Lookups refused because one address asked too often, for /metrics. */
    public AddressLimits addressLimits() {
        return addresses;
    }

    private static ApiException rejectedToken() {
        return BearerToken.unauthorized("invalid-token", "Token rejected",
                "Webex rejected the token: it is invalid or expired. Reload the Desktop to get a fresh one.",
                "invalid_token");
    }

    private ContactCenterUser lookUp(String org, String personUuid) {
        try {
            return admin.read(token -> users.byCiUserId(token, org, personUuid));
        } catch (WebexNotFoundException e) {
            throw ApiException.of("not-a-contact-center-user", "Not a Contact Center user", 403,
                    "Your Webex account has no Contact Center user in this organisation.");
        }
    }

    /** Its caches by name, for the operator's hit ratios. */
    public java.util.Map<String, ExpiringCache<?, ?>> caches() {
        return java.util.Map.of("identity", identities, "role", roles, "rejected-token", rejected);
    }
}
