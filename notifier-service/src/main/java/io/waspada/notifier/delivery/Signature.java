package io.waspada.notifier.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signatures. The Standard Webhooks scheme (standardwebhooks.com): {@code webhook-id} (the notification id,
 * the same on every retry), {@code webhook-timestamp} (Unix seconds of this attempt) and {@code webhook-signature:
 * v1,<base64 HMAC-SHA-256 of "id.timestamp.body">}, so a receiver can refuse a replayed or stale call. The key is the
 * base64 after {@code whsec_} when the secret has that prefix, else the secret's UTF-8 bytes. Also, until receivers
 * have moved: {@code X-Waspada-Signature: sha256=<hex HMAC-SHA-256 of the body>} (deprecated: replayable).
 */
public final class Signature {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    /** Deprecated: covers the body only. */
    public static final String HEADER = "X-Waspada-Signature";

    private Signature() {
    }

    /** The {@code webhook-signature} value for a message. */
    public static String standard(String secret, String id, long timestamp, byte[] body) {
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "v1," + Base64.getEncoder().encodeToString(hmac(key(secret), signed));
    }

    /** The deprecated body-only signature. */
    public static String sign(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    static byte[] key(String secret) {
        return secret.startsWith("whsec_") ? Base64.getDecoder().decode(secret.substring(6))
                : secret.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
