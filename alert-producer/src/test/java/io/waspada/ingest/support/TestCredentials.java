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
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("sub", "system@" + agency.toLowerCase());
        claims.put("agency", agency);
        claims.put("exp", Instant.now().plusSeconds(600).getEpochSecond());
        return jwt(claims);
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

    private static PrivateKey privateKey() throws IOException, GeneralSecurityException {
        try (InputStream in = TestCredentials.class.getResourceAsStream("/test-jwt-private.pk8.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
