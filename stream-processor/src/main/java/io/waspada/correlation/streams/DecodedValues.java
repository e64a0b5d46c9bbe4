package io.waspada.correlation.streams;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Values the timestamp extractor already decoded, handed to the {@link Admission} on the same stream thread so that
 * each event is decoded once: keyed by the identity of the record's value bytes (the same array reaches both). An
 * entry is taken when used; a thread's map is cleared when it grows past {@value #LIMIT} (records extracted and then
 * never processed, after a rebalance), which only costs a second decode.
 */
final class DecodedValues {

    static final int LIMIT = 20_000;
    private static final ThreadLocal<Map<byte[], Object>> DECODED = ThreadLocal.withInitial(IdentityHashMap::new);

    private DecodedValues() {
    }

    static void put(byte[] bytes, Object value) {
        Map<byte[], Object> decoded = DECODED.get();
        if (decoded.size() >= LIMIT) {
            decoded.clear();
        }
        decoded.put(bytes, value);
    }

    /** The value decoded from exactly these bytes on this thread, once; null if none. */
    static Object take(byte[] bytes) {
        return DECODED.get().remove(bytes);
    }
}
