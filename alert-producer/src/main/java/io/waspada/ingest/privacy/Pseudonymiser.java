package io.waspada.ingest.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a normalised identifier into its token: base64url (no padding) of
 * HMAC-SHA-256(key, SCHEME + ":" + value), tagged with the key id so keys can rotate.
 * Thread-safe (one {@link Mac} per thread); the raw value goes nowhere else.
 *
 * <p>During a key rotation's overlap ({@link #rotatedFrom}) it also holds the key it replaces, until a given
 * instant: identifiers then carry their token under both keys, and the stream-processor links the two.
 */
public final class Pseudonymiser {

    /** At least 256 bits: shorter HMAC keys weaken the tokens against guessing of small identifier spaces. */
    public static final int MIN_KEY_BYTES = 32;

    private final String keyId;
    private final ThreadLocal<Mac> macs;
    private final SecretKeySpec spec;
    /** SHA-256 of the key: tells two keys apart without comparing the keys themselves. */
    private final byte[] fingerprint;
    /** The key this one replaces, used until {@link #previousUntil}; null outside a rotation. */
    private final Pseudonymiser previous;
    private final Instant previousUntil;
    private final Clock clock;

    public Pseudonymiser(byte[] key, String keyId) {
        this(key, keyId, null, null, null);
    }

    private Pseudonymiser(byte[] key, String keyId, Pseudonymiser previous, Instant previousUntil, Clock clock) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("The pseudonymisation key must have at least " + MIN_KEY_BYTES
                    + " bytes (it has " + key.length + ")");
        }
        if (keyId == null || keyId.isBlank()) {
            throw new IllegalArgumentException("The pseudonymisation key needs a key id");
        }
        this.keyId = keyId;
        this.previous = previous;
        this.previousUntil = previousUntil;
        this.clock = clock;
        this.fingerprint = digest(key);
        this.spec = new SecretKeySpec(key.clone(), "HmacSHA256");
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
        return new Pseudonymiser(decode(base64Key), keyId);
    }

    /**
     * This key as the successor of {@code previous}: until {@code until} (the end of the overlap) identifiers also
     * carry their token under {@code previous}. The overlap must outlast the widest correlation window plus grace
     * (31 days with the default rules), so every identifier still correlated is seen under both keys and linked.
     */
    public Pseudonymiser rotatedFrom(Pseudonymiser previous, Instant until, Clock clock) {
        if (previous.keyId.equals(keyId)) {
            throw new IllegalArgumentException("The previous pseudonymisation key needs its own key id (both are "
                    + keyId + ")");
        }
        if (MessageDigest.isEqual(previous.fingerprint, fingerprint)) {
            throw new IllegalArgumentException("The previous pseudonymisation key " + previous.keyId
                    + " is the same key as " + keyId);
        }
        if (previous.previous != null) {
            throw new IllegalArgumentException("Only one previous key at a time: finish the rotation from "
                    + previous.previous.keyId + " first");
        }
        return new Pseudonymiser(keyBytes(), keyId, previous, until, clock);
    }

    /** The key this one replaces while the overlap lasts, else null: its tokens go beside this key's. */
    public Pseudonymiser previous() {
        return previous != null && clock.instant().isBefore(previousUntil) ? previous : null;
    }

    /** The end of the overlap with the previous key, or null when there is none. */
    public Instant previousUntil() {
        return previousUntil;
    }

    public String keyId() {
        return keyId;
    }

    private byte[] keyBytes() {
        return spec.getEncoded();
    }

    private static byte[] decode(String base64Key) {
        String trimmed = base64Key.strip();
        return trimmed.contains("-") || trimmed.contains("_")
                ? Base64.getUrlDecoder().decode(trimmed) : Base64.getDecoder().decode(trimmed);
    }

    private static byte[] digest(byte[] key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The token of an already normalised value of the given scheme. */
    public String token(String scheme, String normalisedValue) {
        byte[] digest = macs.get().doFinal((scheme + ":" + normalisedValue).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
