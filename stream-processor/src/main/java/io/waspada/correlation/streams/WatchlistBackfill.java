package io.waspada.correlation.streams;

import io.waspada.avro.WatchlistEntry;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Episode;
import io.waspada.correlation.domain.Listing;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.RuleName;
import io.waspada.correlation.rules.Evaluation;
import io.waspada.correlation.rules.RetroactiveListing;
import io.waspada.correlation.rules.RuleEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The retroactive watchlist, in one correlation task: a watchlist entry this task has not yet applied flags the
 * token's evidence already stored that is still within the watchlist rule's reach (stream time minus its window and
 * grace). Which entries were applied to which token is kept in a logged store ({@code <key>|<entryId>} to the entry as
 * applied), written in the same transaction as the alert versions the backfill emits: a restart neither loses nor
 * repeats one. Entries are applied when an event of a listed token comes (before it is evaluated) and, for tokens
 * that see no new event, by a wall-clock sweep of the watchlist.
 */
final class WatchlistBackfill {

    /** The most stored events of one token a new entry is applied to (the most recent). */
    static final int MAX_BACKFILL = 1_000;
    private static final StringSerializer KEYS = new StringSerializer();

    /** Where the result goes: the processor's way to store a key's episodes and emit their new versions. */
    interface Publisher {
        void publish(String key, CorrelationKey correlationKey, Evaluation evaluation, long timestamp);
    }

    private final RuleEngine engine;
    private final RetroactiveListing retroactive;
    private final WatchlistLookup watchlist;
    private final KeyValueStore<String, WatchlistEntry> applied;
    private final WindowStore<String, Observation> evidence;
    private final KeyValueStore<String, List<Episode>> episodes;
    private final Publisher publisher;
    private boolean seeded;

    WatchlistBackfill(RuleEngine engine, WatchlistLookup watchlist, KeyValueStore<String, WatchlistEntry> applied,
            WindowStore<String, Observation> evidence, KeyValueStore<String, List<Episode>> episodes,
            Publisher publisher) {
        this.engine = engine;
        this.retroactive = new RetroactiveListing(engine);
        this.watchlist = watchlist;
        this.applied = applied;
        this.evidence = evidence;
        this.episodes = episodes;
        this.publisher = publisher;
    }

    /**
     * Before an event of a token key is evaluated: applies the token's entries this task has not applied yet, and
     * returns the entries it read (the event is evaluated against exactly these).
     */
    List<Listing> beforeEvent(CorrelationKey key, long streamTimeMs, long nowMs) {
        seedOnce();
        if (!watchlist.listed(key.value())) {
            return List.of();
        }
        List<WatchlistEntry> entries = watchlist.entries(key.value());
        apply(key, entries, streamTimeMs, nowMs);
        return entries.stream().map(WatchlistLookup::listing).toList();
    }

    /** Applies every entry of the watchlist this task has not applied yet (a wall-clock punctuation). */
    void sweep(long streamTimeMs, long nowMs) {
        seedOnce();
        closeRemoved(streamTimeMs);
        Map<String, List<WatchlistEntry>> byToken = new LinkedHashMap<>();
        watchlist.forEachEntry(entry -> {
            String token = entry.getIdentifier().getToken();
            if (!isApplied(applied.get(appliedKey(CorrelationKey.token(token), entry.getEntryId())), entry)) {
                byToken.computeIfAbsent(token, t -> new ArrayList<>()).add(entry);
            }
        });
        byToken.forEach((token, entries) -> apply(CorrelationKey.token(token), entries, streamTimeMs, nowMs));
    }

    /**
     * Entries removed from the watchlist (or moved to another token) stop future hits only: their record here is
     * closed at the current stream time (so a later entry for the token does not count again the events they
     * flagged, taken as those observed until then) and dropped once no evidence it could concern is within reach.
     */
    void closeRemoved(long streamTimeMs) {
        long reach = engine.windowMs(RuleName.WATCHLIST_HIT) + engine.graceMs();
        Map<String, WatchlistEntry> changes = new LinkedHashMap<>();
        try (KeyValueIterator<String, WatchlistEntry> all = applied.all()) {
            while (all.hasNext()) {
                var record = all.next();
                if (record.key.equals(SEEDED)) {
                    continue;
                }
                WatchlistEntry was = record.value;
                WatchlistEntry now = watchlist.entry(was.getEntryId());
                if (now != null && now.getIdentifier().getToken().equals(was.getIdentifier().getToken())) {
                    continue;
                }
                long expires = was.getExpiresAt() == null ? Long.MAX_VALUE : was.getExpiresAt().toEpochMilli();
                if (expires > streamTimeMs + 1) {
                    changes.put(record.key, expiringAt(was, java.time.Instant.ofEpochMilli(streamTimeMs + 1)));
                } else if (expires < streamTimeMs - reach) {
                    changes.put(record.key, null);
                }
            }
        }
        changes.forEach(applied::put);
    }

    private void apply(CorrelationKey key, List<WatchlistEntry> entries, long streamTimeMs, long nowMs) {
        String storeKey = key.asString();
        List<WatchlistEntry> added = new ArrayList<>(1);
        for (WatchlistEntry entry : entries) {
            if (!isApplied(applied.get(appliedKey(key, entry.getEntryId())), entry)) {
                added.add(entry);
            }
        }
        if (added.isEmpty()) {
            return;
        }
        long reach = engine.windowMs(RuleName.WATCHLIST_HIT) + engine.graceMs();
        List<Observation> stored = new ArrayList<>();
        try (WindowStoreIterator<Observation> latest = evidence.backwardFetch(storeKey, streamTimeMs - reach,
                streamTimeMs)) {
            while (latest.hasNext() && stored.size() < MAX_BACKFILL) {
                stored.add(latest.next().value);
            }
        }
        if (!stored.isEmpty()) {
            List<Episode> open = episodes.get(storeKey);
            Evaluation evaluation = retroactive.apply(key, stored, open == null ? List.of() : open,
                    appliedTo(key), added.stream().map(WatchlistLookup::listing).toList(), streamTimeMs, nowMs);
            if (evaluation.openChanged()) {
                publisher.publish(storeKey, key, evaluation, streamTimeMs);
            }
        }
        for (WatchlistEntry entry : added) {
            applied.put(appliedKey(key, entry.getEntryId()), widest(applied.get(appliedKey(key, entry.getEntryId())),
                    entry));
        }
    }

    /**
     * The entry as applied: never narrower than an earlier form of it, since the events that form flagged stay
     * counted (an expiry shortened and then lengthened again must not count them twice). Kept as the new entry, with
     * the later of the two expiries; "applied" compares equal to the new entry only when nothing was narrowed.
     */
    private static WatchlistEntry widest(WatchlistEntry before, WatchlistEntry now) {
        if (before == null || !before.getIdentifier().getToken().equals(now.getIdentifier().getToken())
                || expiry(now) >= expiry(before)) {
            return now;
        }
        return expiringAt(now, before.getExpiresAt());
    }

    /**
     * The entry with another expiry. Built with the constructor: Avro's copying builders resolve record classes
     * through the thread's context class loader, which on a Streams thread under Quarkus is not the application's.
     */
    private static WatchlistEntry expiringAt(WatchlistEntry entry, java.time.Instant expiresAt) {
        return new WatchlistEntry(entry.getEntryId(), entry.getOwningAgency(), entry.getIdentifier(), entry.getReason(),
                entry.getSeverity(), entry.getCreatedAt(), expiresAt, entry.getFlags());
    }

    /** Whether {@code entry} is applied as it is now: recorded as it is, or only with a later expiry. */
    static boolean isApplied(WatchlistEntry recorded, WatchlistEntry entry) {
        return recorded != null && expiry(recorded) >= expiry(entry)
                && expiringAt(entry, recorded.getExpiresAt()).equals(recorded);
    }

    private static long expiry(WatchlistEntry entry) {
        return entry.getExpiresAt() == null ? Long.MAX_VALUE : entry.getExpiresAt().toEpochMilli();
    }

    private List<Listing> appliedTo(CorrelationKey key) {
        List<Listing> listings = new ArrayList<>(1);
        try (KeyValueIterator<String, WatchlistEntry> entries = applied.prefixScan(key.asString() + '|', KEYS)) {
            while (entries.hasNext()) {
                WatchlistEntry entry = entries.next().value;
                if (entry.getIdentifier().getToken().equals(key.value())) {
                    listings.add(WatchlistLookup.listing(entry));
                }
            }
        }
        return listings;
    }

    /**
     * The first time after start, if this task's store has never been seeded (a fresh installation, or an upgrade from
     * a version that applied entries only to events as they came): the entries listed now count as applied, since the
     * events they concern were evaluated with them (or there are none yet). A {@link #SEEDED} record says it was done,
     * so entries listed later, even while the processor was down, are applied to the evidence.
     */
    private void seedOnce() {
        if (seeded) {
            return;
        }
        seeded = true;
        if (applied.get(SEEDED) != null) {
            return;
        }
        watchlist.forEachEntry(entry -> applied.put(
                appliedKey(CorrelationKey.token(entry.getIdentifier().getToken()), entry.getEntryId()), entry));
        applied.put(SEEDED, new WatchlistEntry(SEEDED, "-", new io.waspada.avro.Identifier("OTHER", "", "-", null, null),
                "this task's applied entries were seeded", io.waspada.avro.Severity.LOW, java.time.Instant.EPOCH,
                null, List.of()));
    }

    /** The key of the record saying the store was seeded (not a correlation key: those start with t: or s:). */
    static final String SEEDED = "~seeded";

    static String appliedKey(CorrelationKey key, String entryId) {
        return key.asString() + '|' + entryId;
    }
}
