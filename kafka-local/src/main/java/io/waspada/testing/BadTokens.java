package io.waspada.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The bearer tokens every protected endpoint of the platform must refuse, built with the JDK alone so each module's
 * refusal test uses the same list: none, not a JWT, signed by another key, {@code alg: none}, HS256 keyed with the
 * verifier's public key, an all-zero ES256 signature, expired, wrong audience, no audience, wrong issuer. Each is
 * otherwise a good token (same claims) signed RS256 by the issuer's real key, so a refusal is about that one flaw.
 */
public final class BadTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** One bad token: what is wrong with it, and the token (null: no Authorization header at all). */
    public record BadToken(String name, String token) {
        @Override
        public String toString() {
            return name;
        }
    }

    private BadTokens() {
    }

    /**
     * The list for an issuer: {@code key} is its real signing key, {@code publicKeyPem} the PEM its verifiers hold,
     * {@code claims} the claims of a token that would be accepted (without iss, aud, iat, exp).
     */
    public static List<BadToken> of(PrivateKey key, String publicKeyPem, String issuer, String audience,
            Map<String, Object> claims) {
        try {
            String valid = rs256(key, issuer, audience, claims, Duration.ofHours(1));
            String payload = valid.split("\\.")[1];
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            long now = Instant.now().getEpochSecond();
            List<BadToken> tokens = new ArrayList<>();
            tokens.add(new BadToken("no token", null));
            tokens.add(new BadToken("not a JWT", "not-a-jwt"));
            tokens.add(new BadToken("signed by another key", rs256(rsa.generateKeyPair().getPrivate(), issuer,
                    audience, claims, Duration.ofHours(1))));
            tokens.add(new BadToken("alg none", segment("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + "."));
            tokens.add(new BadToken("HS256 keyed with the public key",
                    hs256(payload, publicKeyPem.getBytes(StandardCharsets.UTF_8))));
            tokens.add(new BadToken("all-zero ES256 signature", segment("{\"alg\":\"ES256\",\"typ\":\"JWT\"}") + "."
                    + payload + "." + B64.encodeToString(new byte[64])));
            Map<String, Object> expired = new LinkedHashMap<>(claims);
            expired.put("iss", issuer);
            expired.put("aud", audience);
            expired.put("iat", now - 7200);
            expired.put("exp", now - 3600);
            tokens.add(new BadToken("expired", sign(key, expired)));
            tokens.add(new BadToken("wrong audience", rs256(key, issuer, "another-service", claims,
                    Duration.ofHours(1))));
            tokens.add(new BadToken("no audience", rs256(key, issuer, null, claims, Duration.ofHours(1))));
            tokens.add(new BadToken("wrong issuer", rs256(key, "https://evil.example", audience, claims,
                    Duration.ofHours(1))));
            return tokens;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A good RS256 token: {@code claims} plus iss, aud (omitted when null), iat and exp. */
    public static String rs256(PrivateKey key, String issuer, String audience, Map<String, Object> claims,
            Duration lifetime) throws GeneralSecurityException {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> all = new LinkedHashMap<>(claims);
        all.put("iss", issuer);
        if (audience != null) {
            all.put("aud", audience);
        }
        all.put("iat", now);
        all.put("exp", now + lifetime.toSeconds());
        return sign(key, all);
    }

    private static String sign(PrivateKey key, Map<String, Object> claims) throws GeneralSecurityException {
        String input = segment("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + segment(json(claims));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64.encodeToString(signature.sign());
    }

    private static String hs256(String payload, byte[] secret) throws GeneralSecurityException {
        String input = segment("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + payload;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String segment(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Claims as JSON: strings, numbers, booleans and collections of those. */
    private static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> json(e.getKey()) + ":" + json(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(BadTokens::json).collect(Collectors.joining(",", "[", "]"));
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
