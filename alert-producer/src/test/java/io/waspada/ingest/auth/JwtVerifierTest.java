package io.waspada.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JWT checks without the service: RS256 and ES256 signatures, issuer, audience, expiry, not-before. */
class JwtVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void rs256TokenOfTheIssuerGivesItsAgency() throws Exception {
        KeyPair keys = rsa();
        JwtVerifier verifier = new JwtVerifier(keys.getPublic(), "https://idp", "waspada", CLOCK);
        assertThat(verifier.agencyOf(sign("RS256", "SHA256withRSA", keys.getPrivate(), claims()))).contains("MMEA");
    }

    @Test
    void es256TokenIsVerifiedToo() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        JwtVerifier verifier = new JwtVerifier(keys.getPublic(), "https://idp", "waspada", CLOCK);
        assertThat(verifier.agencyOf(sign("ES256", "SHA256withECDSAinP1363Format", keys.getPrivate(), claims())))
                .contains("MMEA");
    }

    @Test
    void badTokensGiveNothing() throws Exception {
        KeyPair keys = rsa();
        JwtVerifier verifier = new JwtVerifier(keys.getPublic(), "https://idp", "waspada", CLOCK);
        Map<String, Object> expired = claims();
        expired.put("exp", NOW.minusSeconds(120).getEpochSecond());
        Map<String, Object> early = claims();
        early.put("nbf", NOW.plusSeconds(600).getEpochSecond());
        Map<String, Object> otherAudience = claims();
        otherAudience.put("aud", new String[] {"other"});
        assertThat(verifier.agencyOf(sign("RS256", "SHA256withRSA", keys.getPrivate(), expired))).isEmpty();
        assertThat(verifier.agencyOf(sign("RS256", "SHA256withRSA", keys.getPrivate(), early))).isEmpty();
        assertThat(verifier.agencyOf(sign("RS256", "SHA256withRSA", keys.getPrivate(), otherAudience))).isEmpty();
        assertThat(verifier.agencyOf(sign("RS256", "SHA256withRSA", rsa().getPrivate(), claims()))).isEmpty();
        assertThat(verifier.agencyOf("a.b.c")).isEmpty();
        assertThat(verifier.agencyOf("not-a-jwt")).isEmpty();
    }

    @Test
    void apiKeysAreTellableFromJwts() {
        assertThat(JwtVerifier.looksLikeJwt("aaa.bbb.ccc")).isTrue();
        assertThat(JwtVerifier.looksLikeJwt("wsp_3d5f0a")).isFalse();
    }

    private static Map<String, Object> claims() {
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", "https://idp");
        claims.put("aud", "waspada");
        claims.put("agency", "MMEA");
        claims.put("exp", NOW.plusSeconds(300).getEpochSecond());
        return claims;
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String sign(String alg, String jca, PrivateKey key, Map<String, Object> claims) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(json.writeValueAsBytes(Map.of("alg", alg))) + "."
                + b64.encodeToString(json.writeValueAsBytes(claims));
        Signature signature = Signature.getInstance(jca);
        signature.initSign(key);
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64.encodeToString(signature.sign());
    }
}
