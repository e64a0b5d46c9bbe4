package io.waspada.ingest.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Verifies a compact JWS (RS256 or ES256) from an agency's identity provider with one configured public key:
 * signature, {@code iss}, optional {@code aud}, {@code exp} (required) and {@code nbf}, with a small clock skew.
 * Returns the {@code agency} claim of a valid token; anything else yields empty.
 */
public final class JwtVerifier {

    private static final Duration SKEW = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PublicKey key;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    public JwtVerifier(PublicKey key, String issuer, String audience, Clock clock) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    /** Parses a PEM ({@code -----BEGIN PUBLIC KEY-----}) or bare base64 X.509 RSA or EC public key. */
    public static PublicKey parsePublicKey(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("The JWT public key is neither an RSA nor an EC X.509 public key");
    }

    /** Whether the token looks like a JWT (three base64url parts), as opposed to an API key. */
    public static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    public Optional<String> agencyOf(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
            if (!verify(header.path("alg").asText(), signed, signature)) {
                return Optional.empty();
            }
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return valid(claims) ? Optional.of(claims.get("agency").asText()) : Optional.empty();
        } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private boolean verify(String alg, byte[] signed, byte[] signature) throws GeneralSecurityException {
        Signature verifier;
        if ("RS256".equals(alg) && "RSA".equals(key.getAlgorithm())) {
            verifier = Signature.getInstance("SHA256withRSA");
        } else if ("ES256".equals(alg) && "EC".equals(key.getAlgorithm()) && signature.length == 64) {
            // JWS carries R||S; the JDK's P1363 format is exactly that.
            verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        } else {
            return false;
        }
        verifier.initVerify(key);
        verifier.update(signed);
        return verifier.verify(signature);
    }

    private boolean valid(JsonNode claims) {
        Instant now = clock.instant();
        if (!claims.path("iss").isTextual() || !claims.get("iss").asText().equals(issuer)) {
            return false;
        }
        if (audience != null && !audience(claims.get("aud"))) {
            return false;
        }
        if (!claims.path("exp").isNumber() || now.minus(SKEW).getEpochSecond() >= claims.get("exp").asLong()) {
            return false;
        }
        if (claims.has("nbf") && (!claims.get("nbf").isNumber()
                || now.plus(SKEW).getEpochSecond() < claims.get("nbf").asLong())) {
            return false;
        }
        return claims.path("agency").isTextual();
    }

    private boolean audience(JsonNode aud) {
        if (aud == null) {
            return false;
        }
        if (aud.isTextual()) {
            return audience.equals(aud.asText());
        }
        for (JsonNode item : aud) {
            if (audience.equals(item.asText())) {
                return true;
            }
        }
        return false;
    }
}
