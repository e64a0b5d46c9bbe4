package io.waspada.ingest.tips;

import io.waspada.ingest.auth.ApiKeys;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves a bearer API key to one registered civil-society organisation or hotline (#18). A credential kind of its
 * own: organisation keys live apart from the agencies' keys, so an agency key is no organisation's and an
 * organisation's key is no agency's. Keys are known by their SHA-256 hashes only ({@link ApiKeys}); no JWTs.
 */
public final class OrganisationAuthenticator {

    private final ApiKeys keys;
    private final Set<String> organisations;

    public OrganisationAuthenticator(ApiKeys keys, Set<String> organisations) {
        this.keys = keys;
        this.organisations = Set.copyOf(organisations);
    }

    /** The organisation the {@code Authorization} header value authenticates, or empty. */
    public Optional<String> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String key = authorization.substring(7).strip();
        if (key.isEmpty() || key.length() > 512) {
            return Optional.empty();
        }
        return keys.agencyOf(key).filter(organisations::contains);
    }

    /** Whether {@code code} is a registered organisation. */
    public boolean knows(String code) {
        return organisations.contains(code);
    }

    /** How many organisations hold a key. */
    public int organisationsWithKeys() {
        return keys.agencies();
    }
}
