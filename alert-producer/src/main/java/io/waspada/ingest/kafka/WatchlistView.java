package io.waspada.ingest.kafka;

import io.waspada.kafka.KafkaConnection;
import io.waspada.schemas.AvroSerde;

import io.waspada.avro.WatchlistEntry;
import io.waspada.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current watchlist, read from the compacted topic from the beginning and followed ({@link CompactedTopicReader}) and
 * kept up to date, so ownership can be checked before a change. Entries carry the offset that set
 * them; an older record never overwrites a newer one applied locally after an acknowledged write.
 */
public final class WatchlistView implements AutoCloseable {

    private record Versioned(WatchlistEntry entry, long offset) {
    }

    private final Map<String, Versioned> entries = new ConcurrentHashMap<>();
    private final CompactedTopicReader<WatchlistEntry> follower;

    public WatchlistView(KafkaConnection kafka) {
        this.follower = new CompactedTopicReader<>(kafka, Topics.WATCHLIST.name(),
                Topics.WATCHLIST.keySerde().deserializer(), new AvroSerde<>(WatchlistEntry.class),
                "alert-producer-watchlist-view", record -> apply(record.key(), record.value(), record.offset()));
    }

    /** True once everything on the topic when the view started has been read, while it is still read. */
    public boolean caughtUp() {
        return follower.caughtUp();
    }

    /** Waits up to {@code timeout} for {@link #caughtUp()}; returns whether it is (at once if reading failed). */
    public boolean awaitCaughtUp(Duration timeout) {
        return follower.awaitCaughtUp(timeout);
    }

    /** How the reader is doing, for readiness. */
    public String describe() {
        return follower.describe();
    }

    public Optional<WatchlistEntry> get(String entryId) {
        return Optional.ofNullable(entries.get(entryId)).map(Versioned::entry).filter(e -> e != null);
    }

    public List<WatchlistEntry> ownedBy(String agency) {
        return entries.values().stream().map(Versioned::entry)
                .filter(e -> e != null && agency.equals(e.getOwningAgency()))
                .sorted(java.util.Comparator.comparing(WatchlistEntry::getEntryId)).toList();
    }

    /** Applies an acknowledged write at once (null = removed), unless the view already holds a newer one. */
    public void apply(String entryId, WatchlistEntry entry, long offset) {
        entries.merge(entryId, new Versioned(entry, offset), (old, now) -> now.offset() >= old.offset() ? now : old);
    }

    @Override
    public void close() {
        follower.close();
    }
}
