package io.waspada.ingest.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.io.IOException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Agency tokens (JWT) from the trusted identity providers, verified by smallrye-jwt (the library the notifier uses):
 * the token's unverified {@code iss} picks the provider (an unknown one is refused without any key look-up), then the
 * provider's parser checks the signature (RS256 or ES256, key by {@code kid} from its JWKS), issuer, audience,
 * {@code exp} and {@code iat} (both required, as MP-JWT requires), not-before, a subject, with a minute of clock skew. The {@code agency} claim must name an agency that
 * provider may speak for.
 */
public final class AgencyTokens {

    static final String AGENCY_CLAIM = "agency";
    private static final int CLOCK_SKEW_SECONDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Provider(TrustedIssuer issuer, DefaultJWTParser parser) {
    }

    private final Map<String, Provider> byIssuer;

    public AgencyTokens(List<TrustedIssuer> issuers) {
        Map<String, Provider> providers = new HashMap<>();
        for (TrustedIssuer issuer : issuers) {
            validateKeys(issuer);
            if (providers.put(issuer.issuer(), new Provider(issuer, new DefaultJWTParser(context(issuer)))) != null) {
                throw new IllegalArgumentException("two identity providers with issuer " + issuer.issuer());
            }
        }
        byIssuer = Map.copyOf(providers);
    }

    /** Whether the token looks like a JWT (three base64url parts), as opposed to an API key. */
    public static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    public int size() {
        return byIssuer.size();
    }

    /** The agency a valid token speaks for, or empty. */
    public Optional<String> agencyOf(String token) {
        Provider provider = unverifiedIssuer(token).map(byIssuer::get).orElse(null);
        if (provider == null) {
            return Optional.empty();
        }
        try {
            JsonWebToken jwt = provider.parser().parse(token);
            Object agency = jwt.getClaim(AGENCY_CLAIM);
            if (!(agency instanceof String) && !(agency instanceof jakarta.json.JsonString)) {
                return Optional.empty();
            }
            String code = agency instanceof jakarta.json.JsonString json ? json.getString() : (String) agency;
            return provider.issuer().agencies().contains(code) ? Optional.of(code) : Optional.empty();
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static JWTAuthContextInfo context(TrustedIssuer issuer) {
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        context.setIssuedBy(issuer.issuer());
        if (issuer.keys().startsWith("https://") || issuer.keys().startsWith("http://")) {
            context.setPublicKeyLocation(issuer.keys()); // a JWKS endpoint, fetched and refreshed by smallrye-jwt
        } else {
            context.setPublicKeyContent(issuer.keys()); // a JWKS document or a PEM key, read at start
        }
        if (issuer.audience() != null) {
            context.setExpectedAudience(Set.of(issuer.audience()));
        }
        // A JWKS names each key's type; a PEM key is one type, and smallrye-jwt reads it with the first algorithm.
        context.setSignatureAlgorithm(issuer.keys().startsWith("-----BEGIN") ? pemAlgorithm(issuer)
                : EnumSet.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256));
        context.setClockSkew(CLOCK_SKEW_SECONDS);
        context.setJwksRefreshInterval(issuer.refreshMinutes());
        context.setForcedJwksRefreshInterval(issuer.forcedRefreshMinutes());
        context.setRequiredClaims(Set.of("exp", AGENCY_CLAIM));
        return context;
    }

    /** Key files are read at start: a broken one stops the start instead of refusing every token later. */
    private static void validateKeys(TrustedIssuer issuer) {
        if (issuer.keys().startsWith("https://") || issuer.keys().startsWith("http://")) {
            return;
        }
        if (issuer.keys().startsWith("-----BEGIN")) {
            pemAlgorithm(issuer);
            return;
        }
        try {
            if (new org.jose4j.jwk.JsonWebKeySet(issuer.keys()).getJsonWebKeys().isEmpty()) {
                throw new IllegalArgumentException("identity provider " + issuer.name() + ": its JWKS has no key");
            }
        } catch (org.jose4j.lang.JoseException | ClassCastException | IllegalArgumentException e) {
            // jose4j answers some malformed documents with a ClassCastException
            throw new IllegalArgumentException("identity provider " + issuer.name() + ": its keys are neither a PEM "
                    + "public key nor a JWKS: " + e.getMessage(), e);
        }
    }

    private static Set<SignatureAlgorithm> pemAlgorithm(TrustedIssuer issuer) {
        byte[] der = Base64.getDecoder().decode(issuer.keys().replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", ""));
        for (var candidate : List.of(Map.entry("RSA", SignatureAlgorithm.RS256), Map.entry("EC", SignatureAlgorithm.ES256))) {
            try {
                java.security.KeyFactory.getInstance(candidate.getKey())
                        .generatePublic(new java.security.spec.X509EncodedKeySpec(der));
                return EnumSet.of(candidate.getValue());
            } catch (java.security.GeneralSecurityException e) {
                // not this type
            }
        }
        throw new IllegalArgumentException("identity provider " + issuer.name()
                + ": its PEM key is neither an RSA nor an EC public key");
    }

    /** The {@code iss} of a token's payload, read without trusting it: it only chooses whose keys verify the token. */
    private static Optional<String> unverifiedIssuer(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[1].length() > 16_384) {
            return Optional.empty();
        }
        try {
            JsonNode issuer = JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).path("iss");
            return issuer.isTextual() ? Optional.of(issuer.asText()) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
