package io.waspada.ingest.auth;

import java.util.Set;

/**
 * One identity provider whose tokens the ingest API accepts, e.g. one per country: its {@code iss}, where its keys are
 * ({@code keys}: a JWKS URL such as {@code https://idp.example.gov.my/.well-known/jwks.json}, or the content of a
 * JWKS or PEM file, read at start: rotating a file's keys takes a restart, a URL's does not),
 * the audience its tokens must name, and the agencies it may speak for (a country's provider cannot mint a token for
 * another country's agency). Keys rotate the JWKS way: publish the new key beside the old one (both valid during the
 * overlap), sign with the new one, then withdraw the old; the ingest API picks the change up at the provider's cache
 * lifetime ({@code Cache-Control: max-age}, else {@code refreshMinutes}) or at once for a key id it has not seen
 * (at most every {@code forcedRefreshMinutes}, at least 1). Keys come over https (http only from this machine).
 * {@code audience} null: not checked (the single-provider form of earlier releases, which did not require it).
 */
public record TrustedIssuer(String name, String issuer, String keys, String audience, Set<String> agencies,
        int refreshMinutes, int forcedRefreshMinutes) {

    public TrustedIssuer {
        require(name, "name");
        require(issuer, "issuer");
        require(keys, "keys");
        if (audience != null && audience.isBlank()) {
            throw new IllegalArgumentException("identity provider " + name + ": audience is blank");
        }
        keys = keys.strip();
        if (keys.startsWith("http://") && !loopback(keys)) {
            throw new IllegalArgumentException("identity provider " + name + ": its keys must come over https "
                    + "(http only from this machine): " + keys);
        }
        agencies = Set.copyOf(agencies);
        if (agencies.isEmpty()) {
            throw new IllegalArgumentException("identity provider " + name + ": agencies must list the agencies it "
                    + "may speak for (waspada.auth.issuers.\"" + name + "\".agencies)");
        }
        if (refreshMinutes < 1 || forcedRefreshMinutes < 1) {
            throw new IllegalArgumentException("identity provider " + name + ": refresh intervals must be at least "
                    + "a minute (an unknown key id must not make every token fetch the provider's keys)");
        }
    }

    private static boolean loopback(String url) {
        String host = java.net.URI.create(url).getHost();
        return "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host) || "::1".equals(host);
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("identity provider setting '" + what + "' is missing");
        }
    }
}
