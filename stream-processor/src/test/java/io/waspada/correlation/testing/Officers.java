package io.waspada.correlation.testing;

import io.waspada.testing.BadTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Officer tokens as the officers' identity provider issues them, signed by the test key the service trusts. */
public final class Officers {

    public static final String ISSUER = "waspada";
    public static final String AUDIENCE = "waspada-correlation";

    private Officers() {
    }

    /** A token for {@code username} of {@code taskForce} with {@code roles}, cleared for {@code handling}. */
    public static String token(String username, String taskForce, List<String> roles, List<String> handling) {
        try {
            return BadTokens.rs256(privateKey(), ISSUER, AUDIENCE, claims(username, taskForce, roles, handling),
                    Duration.ofHours(1));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An investigator of NORTH cleared for H0 and H1. */
    public static String investigator() {
        return token("officer.north", "NORTH", List.of("officer", "investigator"), List.of("H0", "H1"));
    }

    public static Map<String, Object> claims(String username, String taskForce, List<String> roles,
            List<String> handling) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("upn", username);
        claims.put("sub", username);
        claims.put("groups", roles);
        claims.put("taskForce", taskForce);
        if (handling != null) {
            claims.put("handling", handling);
        }
        return claims;
    }

    public static String publicKeyPem() {
        return resource("keys/test-public.pem");
    }

    public static PrivateKey privateKey() {
        String base64 = resource("keys/test-private.pem").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                    .decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = Officers.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
