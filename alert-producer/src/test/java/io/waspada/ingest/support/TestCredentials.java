package io.waspada.ingest.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The %test profile's credentials: agency X's API key is {@code test-key-X}; JWTs are signed with the test
 * identity provider's private key (its public half is configured for %test).
 */
public final class TestCredentials {

    public static final String ISSUER = "https://idp.test.waspada";
    public static final String AUDIENCE = "waspada";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestCredentials() {
    }

    public static String apiKey(String agency) {
        return "test-key-" + agency;
    }

    public static String bearer(String agency) {
        return "Bearer " + apiKey(agency);
    }

    /** A JWT for {@code agency} from the test identity provider, valid for 10 minutes. */
    public static String jwt(String agency) {
        return jwt(agencyClaims(ISSUER, AUDIENCE, agency));
    }

    /** An agency system's claims as an identity provider issues them: valid for 10 minutes. */
    public static Map<String, Object> agencyClaims(String issuer, String audience, String agency) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", audience);
        claims.put("sub", "system@" + agency.toLowerCase());
        claims.put("agency", agency);
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("exp", Instant.now().plusSeconds(600).getEpochSecond());
        return claims;
    }

    /** Signs arbitrary claims with RS256 and the test key. */
    public static String jwt(Map<String, Object> claims) {
        try {
            String header = b64(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")));
            String payload = b64(JSON.writeValueAsBytes(claims));
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(privateKey());
            signer.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + b64(signer.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The second test provider (Indonesia's, ES256): may speak for ID_POLRI, ID_IMIGRASI and ID_BP2MI only. */
    public static final String ID_ISSUER = "https://sso.test.go.id";
    public static final String ID_AUDIENCE = "waspada-ingest";

    /** A token of the Indonesian test provider for {@code agency}, valid for 10 minutes. */
    public static String indonesianJwt(String agency) {
        Map<String, Object> claims = agencyClaims(ID_ISSUER, ID_AUDIENCE, agency);
        try {
            String header = b64(JSON.writeValueAsBytes(Map.of("alg", "ES256", "typ", "JWT")));
            String payload = b64(JSON.writeValueAsBytes(claims));
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(key("/test-jwt-id-private.pk8.pem", "EC"));
            signer.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + b64(signer.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PrivateKey privateKey() throws IOException, GeneralSecurityException {
        return key("/test-jwt-private.pk8.pem", "RSA");
    }

    private static PrivateKey key(String resource, String algorithm) throws IOException, GeneralSecurityException {
        try (InputStream in = TestCredentials.class.getResourceAsStream(resource)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        }
    }

    public static String publicKeyPem() {
        try (InputStream in = TestCredentials.class.getResourceAsStream("/test-jwt-public.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
