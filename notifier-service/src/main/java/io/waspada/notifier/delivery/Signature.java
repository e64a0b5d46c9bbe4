package io.waspada.notifier.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signatures. The Standard Webhooks scheme (standardwebhooks.com): {@code webhook-id} (one per message: the
 * notification group's id and a digest of the body, so the same on every retry and replay of one body and new for the
 * group's next send), {@code webhook-timestamp} (Unix seconds of this attempt) and {@code webhook-signature:
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

    /** The {@code webhook-id} of one message: its group's notification id and the first 16 hex digits of its SHA-256. */
    public static String messageId(String notificationId, byte[] body) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(body);
            return notificationId + "-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /**
     * Checks a configured secret: {@code whsec_} and 24 to 64 bytes in standard base64 (what Standard Webhooks
     * libraries expect), or any other text of at least 16 characters used as its UTF-8 bytes. Null when usable, else
     * what is wrong.
     */
    public static String problem(String secret) {
        if (secret.startsWith("whsec_")) {
            try {
                int bytes = Base64.getDecoder().decode(secret.substring(6)).length;
                return bytes >= 24 && bytes <= 64 ? null : "a whsec_ secret must hold 24 to 64 bytes (it has " + bytes + ")";
            } catch (IllegalArgumentException e) {
                return "a whsec_ secret must be standard base64 after the prefix";
            }
        }
        return secret.length() >= 16 ? null : "a webhook secret must be at least 16 characters (it keys the HMAC signature)";
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
