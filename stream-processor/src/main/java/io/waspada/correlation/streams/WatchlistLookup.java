package io.waspada.correlation.streams;

import io.waspada.avro.WatchlistEntry;
import io.waspada.correlation.domain.Listing;
import io.waspada.correlation.domain.WatchMark;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads the watchlist index ({@link WatchlistIndexer}): the entries naming a token, and the entries active at a time. */
final class WatchlistLookup {

    private static final StringSerializer KEYS = new StringSerializer();

    private final ReadOnlyKeyValueStore<String, WatchlistEntry> store;
    private final java.util.Set<String> listedTokens;

    /** {@code listedTokens}: the tokens with an entry, as the {@link WatchlistIndexer} keeps them. */
    WatchlistLookup(ReadOnlyKeyValueStore<String, WatchlistEntry> store, java.util.Set<String> listedTokens) {
        this.store = store;
        this.listedTokens = listedTokens;
    }

    /** Whether the token has an entry (most tokens are on no watchlist): a set lookup, then the store's own word. */
    boolean listed(String token) {
        return listedTokens.contains(token) && store.get(WatchlistIndexer.listed(token)) != null;
    }

    List<WatchMark> activeAt(String token, long eventTimeMs) {
        if (!listed(token)) {
            return List.of();
        }
        return Listing.activeAt(entries(token).stream().map(WatchlistLookup::listing).toList(), eventTimeMs);
    }

    /** Every entry naming the token, expired ones included. */
    List<WatchlistEntry> entries(String token) {
        List<WatchlistEntry> entries = new ArrayList<>(1);
        try (KeyValueIterator<String, WatchlistEntry> all =
                store.prefixScan(WatchlistIndexer.tokenPrefix(token), KEYS)) {
            while (all.hasNext()) {
                WatchlistEntry entry = all.next().value;
                if (entry != null) { // removed by the global thread while this scan ran
                    entries.add(entry);
                }
            }
        }
        return entries;
    }

    /** The entry with this id, or null if it is not (or no longer) listed. */
    WatchlistEntry entry(String entryId) {
        return store.get(WatchlistIndexer.byEntry(entryId));
    }

    void forEachEntry(Consumer<WatchlistEntry> action) {
        try (KeyValueIterator<String, WatchlistEntry> all = store.prefixScan(WatchlistIndexer.byEntry(""), KEYS)) {
            while (all.hasNext()) {
                WatchlistEntry entry = all.next().value;
                if (entry != null) { // removed by the global thread while this scan ran
                    action.accept(entry);
                }
            }
        }
    }

    static Listing listing(WatchlistEntry entry) {
        return new Listing(new WatchMark(entry.getEntryId(), entry.getOwningAgency(), entry.getSeverity(),
                entry.getCreatedAt().toEpochMilli(), List.copyOf(entry.getFlags())),
                entry.getExpiresAt() == null ? Long.MAX_VALUE : entry.getExpiresAt().toEpochMilli());
    }
}
