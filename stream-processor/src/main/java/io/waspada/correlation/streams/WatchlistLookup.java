package io.waspada.correlation.streams;

import io.waspada.avro.WatchlistEntry;
import io.waspada.correlation.domain.WatchMark;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The watchlist entries naming a token that are active (not expired) at a given event time. */
final class WatchlistLookup {

    private static final StringSerializer KEYS = new StringSerializer();

    private final ReadOnlyKeyValueStore<String, WatchlistEntry> store;

    WatchlistLookup(ReadOnlyKeyValueStore<String, WatchlistEntry> store) {
        this.store = store;
    }

    List<WatchMark> activeAt(String token, long eventTimeMs) {
        if (store.get(WatchlistIndexer.listed(token)) == null) {
            return List.of(); // on no watchlist: one point read
        }
        List<WatchMark> marks = null;
        try (KeyValueIterator<String, WatchlistEntry> entries =
                store.prefixScan(WatchlistIndexer.tokenPrefix(token), KEYS)) {
            while (entries.hasNext()) {
                WatchlistEntry entry = entries.next().value;
                if (entry.getExpiresAt() == null || entry.getExpiresAt().toEpochMilli() > eventTimeMs) {
                    if (marks == null) {
                        marks = new ArrayList<>(1);
                    }
                    marks.add(new WatchMark(entry.getEntryId(), entry.getOwningAgency(), entry.getSeverity(),
                            entry.getCreatedAt().toEpochMilli()));
                }
            }
        }
        return marks == null ? List.of() : marks;
    }
}
