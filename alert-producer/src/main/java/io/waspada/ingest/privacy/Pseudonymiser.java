package io.waspada.ingest.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a normalised identifier into its token: base64url (no padding) of
 * HMAC-SHA-256(key, SCHEME + ":" + value), tagged with the key id so keys can rotate.
 * Thread-safe (one {@link Mac} per thread); the raw value goes nowhere else.
 */
public final class Pseudonymiser {

    /** At least 256 bits: shorter HMAC keys weaken the tokens against guessing of small identifier spaces. */
    public static final int MIN_KEY_BYTES = 32;

    private final String keyId;
    private final ThreadLocal<Mac> macs;

    public Pseudonymiser(byte[] key, String keyId) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("The pseudonymisation key must have at least " + MIN_KEY_BYTES
                    + " bytes (it has " + key.length + ")");
        }
        if (keyId == null || keyId.isBlank()) {
            throw new IllegalArgumentException("The pseudonymisation key needs a key id");
        }
        this.keyId = keyId;
        SecretKeySpec spec = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(spec);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        });
    }

    /** From the base64 (standard or url-safe) form used in configuration. */
    public static Pseudonymiser fromBase64(String base64Key, String keyId) {
        String trimmed = base64Key.strip();
        byte[] key = trimmed.contains("-") || trimmed.contains("_")
                ? Base64.getUrlDecoder().decode(trimmed) : Base64.getDecoder().decode(trimmed);
        return new Pseudonymiser(key, keyId);
    }

    public String keyId() {
        return keyId;
    }

    /** The token of an already normalised value of the given scheme. */
    public String token(String scheme, String normalisedValue) {
        byte[] digest = macs.get().doFinal((scheme + ":" + normalisedValue).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
