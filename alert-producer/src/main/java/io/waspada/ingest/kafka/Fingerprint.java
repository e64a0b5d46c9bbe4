package io.waspada.ingest.kafka;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.avro.Schema;

/**
 * The SHA-256 of an event's content: its pseudonymised Avro record without {@code receivedAt}, in the single-object
 * encoding (so the same fields in another schema differ). A resend of the same event has the same fingerprint; any
 * other content under its eventId has another, however it was chosen.
 * <p>
 * It is taken from the bytes written to Kafka, without encoding twice: {@code receivedAt} is the record's last field,
 * {@code ["null", timestamp-millis]}, so its value is the tail of the encoding (branch 1, then the millis as a zig-zag
 * varint), and the content is everything before it followed by branch 0 (null), byte for byte what encoding the
 * record without it gives (FingerprintTest). A schema where receivedAt is not last is refused at start.
 */
public final class Fingerprint {

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    });

    /** The 256 bits as four longs (big-endian), so a memory of many can keep them in a primitive array. */
    private final long[] words;

    private Fingerprint(long[] words) {
        this.words = words;
    }

    /** The fingerprint whose {@link #word}s these are. */
    static Fingerprint of(long first, long second, long third, long fourth) {
        return new Fingerprint(new long[] {first, second, third, fourth});
    }

    /** Bits {@code 64 * index} to {@code 64 * index + 63} of the SHA-256, index 0 to 3. */
    long word(int index) {
        return words[index];
    }

    /** Checks that {@code schema} ends with {@code receivedAt: ["null", timestamp-millis]}, which {@link #of} relies on. */
    public static void requireReceivedAtLast(Schema schema) {
        Schema.Field last = schema.getFields().get(schema.getFields().size() - 1);
        Schema type = last.schema();
        boolean shape = "receivedAt".equals(last.name()) && type.getType() == Schema.Type.UNION
                && type.getTypes().size() == 2 && type.getTypes().get(0).getType() == Schema.Type.NULL
                && type.getTypes().get(1).getType() == Schema.Type.LONG;
        if (!shape) {
            throw new IllegalStateException(schema.getFullName() + " must end with receivedAt: [\"null\", long]"
                    + " for content fingerprints (it ends with " + last.name() + ")");
        }
    }

    /** The fingerprint of {@code encoded} (single-object encoding) whose last field, receivedAt, is {@code receivedAt}. */
    public static Fingerprint of(byte[] encoded, Instant receivedAt) {
        return of(encoded, receivedAt, SHA_256.get());
    }

    /** The same, with a SHA-256 digest of the caller's own (not shared with another thread). */
    static Fingerprint of(byte[] encoded, Instant receivedAt, MessageDigest digest) {
        int tail = receivedAt == null ? 1 : 1 + varintLength(zigZag(receivedAt.toEpochMilli()));
        digest.reset();
        digest.update(encoded, 0, encoded.length - tail);
        digest.update((byte) 0);
        java.nio.ByteBuffer sha256 = java.nio.ByteBuffer.wrap(digest.digest());
        return of(sha256.getLong(), sha256.getLong(), sha256.getLong(), sha256.getLong());
    }

    private static long zigZag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private static int varintLength(long value) {
        int length = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            length++;
        }
        return length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprint that && Arrays.equals(words, that.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        StringBuilder hex = new StringBuilder("sha256:");
        for (long word : words) {
            hex.append(HexFormat.of().toHexDigits(word));
        }
        return hex.toString();
    }
}
