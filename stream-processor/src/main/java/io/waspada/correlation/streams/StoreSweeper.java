package io.waspada.correlation.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Bounds a key-value store whose entries are otherwise pruned only when their key is seen again: each call
 * examines the next slice of keys (resuming where the last one stopped, wrapping at the end) and deletes those
 * whose value the predicate finds expired. A bounded amount of work per call keeps the stream thread responsive.
 */
final class StoreSweeper<V> {

    private final KeyValueStore<String, V> store;
    private final int sliceSize;
    private String cursor;

    StoreSweeper(KeyValueStore<String, V> store, int sliceSize) {
        this.store = store;
        this.sliceSize = sliceSize;
    }

    /** Deletes the expired entries among the next slice of keys; returns how many it deleted. */
    int sweep(BiPredicate<String, V> expired) {
        List<String> doomed = new ArrayList<>();
        int seen = 0;
        String last = null;
        try (KeyValueIterator<String, V> entries = store.range(cursor, null)) {
            while (entries.hasNext() && seen < sliceSize) {
                KeyValue<String, V> entry = entries.next();
                seen++;
                last = entry.key;
                if (expired.test(entry.key, entry.value)) {
                    doomed.add(entry.key);
                }
            }
            cursor = entries.hasNext() ? entries.peekNextKey() : null;
        }
        if (last == null) {
            cursor = null;
        }
        doomed.forEach(store::delete);
        return doomed.size();
    }
}
