package io.waspada.notifier.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password kept only as a salted PBKDF2-HMAC-SHA-256 hash, so the plain text is not held in memory (or a heap
 * dump). {@link #matches} costs the same whether or not the password is right and compares in constant time.
 */
public final class PasswordHash {

    private static final SecureRandom RANDOM = new SecureRandom();
    // Enough to make a heap dump expensive to reverse without slowing sign-in: about 10 ms per check here.
    private static final int ITERATIONS = 10_000;
    private static final int BITS = 256;

    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(byte[] salt, byte[] hash) {
        this.salt = salt;
        this.hash = hash;
    }

    public static PasswordHash of(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new PasswordHash(salt, derive(password, salt));
    }

    public boolean matches(String candidate) {
        return MessageDigest.isEqual(hash, derive(candidate, salt));
    }

    private static byte[] derive(String password, byte[] salt) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, BITS)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
        }
    }
}
