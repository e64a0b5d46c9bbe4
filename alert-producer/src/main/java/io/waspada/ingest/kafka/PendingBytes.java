package io.waspada.ingest.kafka;

import java.util.concurrent.Semaphore;

/**
 * The bytes handed to the producer (or queued for it) and not yet acknowledged or failed, bounded below the
 * producer's {@code buffer.memory}: a producer whose buffer is full blocks its caller in {@code send()} for up to
 * {@code max.block.ms}, and its caller is an HTTP event loop. A write that does not fit is refused at once instead.
 */
final class PendingBytes {

    /** What a record costs beyond its key and value in a record batch (headers, varints, attributes), rounded up. */
    static final int RECORD_OVERHEAD = 64;

    private final int limit;
    private final Semaphore free;

    PendingBytes(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("the pending bytes limit must be positive, not " + limit);
        }
        this.limit = limit;
        this.free = new Semaphore(limit);
    }

    /** What a record of this key and value reserves (at most the whole limit, so one large record still fits alone). */
    int sizeOf(String key, byte[] value) {
        long size = (long) RECORD_OVERHEAD + utf8Length(key) + (value == null ? 0 : value.length);
        return (int) Math.min(size, limit);
    }

    /** The key's length in UTF-8, counted without encoding it (an eventId is 36 ASCII characters). */
    static int utf8Length(String key) {
        if (key == null) {
            return 0;
        }
        int length = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    /** Reserves {@code bytes} if they fit now; never waits. */
    boolean tryReserve(int bytes) {
        return free.tryAcquire(bytes);
    }

    void release(int bytes) {
        free.release(bytes);
    }

    /** Bytes reserved now. */
    long pending() {
        return (long) limit - free.availablePermits();
    }

    int limit() {
        return limit;
    }
}
