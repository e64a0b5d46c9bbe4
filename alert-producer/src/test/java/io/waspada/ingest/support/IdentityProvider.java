package io.waspada.ingest.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A country's identity provider as the ingest API sees one: a real HTTP server publishing a JWKS at
 * {@code /jwks.json} (with {@code Cache-Control: max-age}), keys that can be added and withdrawn (rotation), and
 * tokens signed RS256 or ES256 with a {@code kid}. Counts JWKS fetches.
 */
public final class IdentityProvider implements AutoCloseable {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String issuer;
    private final HttpServer server;
    private final Map<String, KeyPair> keys = new LinkedHashMap<>();
    private final List<String> published = new ArrayList<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private final int maxAgeSeconds;

    private IdentityProvider(String issuer, int maxAgeSeconds) throws IOException {
        this.issuer = issuer;
        this.maxAgeSeconds = maxAgeSeconds;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = jwks().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Cache-Control", "max-age=" + this.maxAgeSeconds);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Starts a provider for {@code issuer} whose JWKS may be cached for {@code maxAge}. */
    public static IdentityProvider start(String issuer, Duration maxAge) {
        try {
            return new IdentityProvider(issuer, (int) maxAge.toSeconds());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }

    public int fetches() {
        return fetches.get();
    }

    /** Makes a key ({@code RSA} or {@code EC}) under {@code kid}, not yet published. */
    public synchronized IdentityProvider key(String kid, String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            keys.put(kid, generator.generateKeyPair());
            return this;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized java.security.PrivateKey privateKey(String kid) {
        return keys.get(kid).getPrivate();
    }

    /** The PEM of key {@code kid}'s public half, as a verifier configured with a PEM would hold it. */
    public synchronized String publicKeyPem(String kid) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.get(kid).getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    public synchronized IdentityProvider publish(String kid) {
        if (!published.contains(kid)) {
            published.add(kid);
        }
        return this;
    }

    public synchronized IdentityProvider withdraw(String kid) {
        published.remove(kid);
        return this;
    }

    /** A token for {@code agency} signed with key {@code kid}, valid for ten minutes, for {@code audience}. */
    public String token(String kid, String agency, String audience) {
        return sign(kid, TestCredentials.agencyClaims(issuer, audience, agency));
    }

    public synchronized String sign(String kid, Map<String, Object> claims) {
        KeyPair pair = keys.get(kid);
        boolean ec = pair.getPublic() instanceof ECPublicKey;
        try {
            String input = B64.encodeToString(JSON.writeValueAsBytes(Map.of("alg", ec ? "ES256" : "RS256", "typ",
                    "JWT", "kid", kid))) + "." + B64.encodeToString(JSON.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance(ec ? "SHA256withECDSAinP1363Format" : "SHA256withRSA");
            signature.initSign(pair.getPrivate());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(signature.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The published keys as a JWKS document. */
    public synchronized String jwks() {
        List<Map<String, Object>> jwks = new ArrayList<>();
        for (String kid : published) {
            Map<String, Object> jwk = new LinkedHashMap<>();
            jwk.put("kid", kid);
            jwk.put("use", "sig");
            if (keys.get(kid).getPublic() instanceof RSAPublicKey rsa) {
                jwk.put("kty", "RSA");
                jwk.put("alg", "RS256");
                jwk.put("n", unsigned(rsa.getModulus()));
                jwk.put("e", unsigned(rsa.getPublicExponent()));
            } else {
                ECPublicKey ec = (ECPublicKey) keys.get(kid).getPublic();
                jwk.put("kty", "EC");
                jwk.put("alg", "ES256");
                jwk.put("crv", "P-256");
                jwk.put("x", coordinate(ec.getW().getAffineX()));
                jwk.put("y", coordinate(ec.getW().getAffineY()));
            }
            jwks.add(jwk);
        }
        try {
            return JSON.writeValueAsString(Map.of("keys", jwks));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return B64.encodeToString(bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes);
    }

    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return B64.encodeToString(fixed);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
