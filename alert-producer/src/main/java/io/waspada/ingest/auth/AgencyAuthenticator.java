package io.waspada.ingest.auth;

import java.util.Optional;
import java.util.Set;

/**
 * Resolves a bearer token to exactly one known agency: a JWT (three dot-separated parts) is checked by
 * {@link AgencyTokens} against the trusted identity providers, anything else as an API key. Unknown agencies in
 * valid tokens are refused.
 */
public final class AgencyAuthenticator {

    private final ApiKeys apiKeys;
    private final AgencyTokens jwt;
    private final Set<String> agencies;

    /** {@code jwt} may be null when no identity provider is configured. */
    public AgencyAuthenticator(ApiKeys apiKeys, AgencyTokens jwt, Set<String> agencies) {
        this.apiKeys = apiKeys;
        this.jwt = jwt;
        this.agencies = Set.copyOf(agencies);
    }

    /** Whether the header carries a JWT (checked against an identity provider, which may mean network I/O). */
    public boolean isToken(String authorization) {
        return jwt != null && authorization != null && authorization.length() > 7
                && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && AgencyTokens.looksLikeJwt(authorization.substring(7).strip());
    }

    /** The agency the {@code Authorization} header value authenticates, or empty. */
    public Optional<String> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).strip();
        if (token.isEmpty() || token.length() > 8192) {
            return Optional.empty();
        }
        Optional<String> agency = AgencyTokens.looksLikeJwt(token)
                ? (jwt == null ? Optional.empty() : jwt.agencyOf(token))
                : apiKeys.agencyOf(token);
        return agency.filter(agencies::contains);
    }
}
