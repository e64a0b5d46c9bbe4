package io.waspada.correlation.streams;

import io.waspada.avro.Identifier;
import io.waspada.avro.PreviousToken;
import io.waspada.avro.WatchlistEntry;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global watchlist store indexed by token: {@code e:<entryId>} and {@code t:<token>:<entryId>} both
 * hold the entry, so a tombstone (entry id only) finds its token, and {@code n:<token>} holds one of the token's
 * entries while it has any, so the many tokens on no watchlist are told by one point read. Entries are indexed under
 * their identifier's oldest token, the name events are correlated under across key rotations. Runs on restore too, so
 * the index rebuilds.
 */
final class WatchlistIndexer implements Processor<String, WatchlistEntry, Void, Void> {

    private static final StringSerializer KEYS = new StringSerializer();

    private final java.util.concurrent.atomic.AtomicLong changes;
    private final java.util.Set<String> listedTokens;
    private final TokenLinks links;
    private KeyValueStore<String, WatchlistEntry> store;
    private CanonicalTokens names;

    /**
     * {@code changes} counts every change; {@code listedTokens} is kept equal to the tokens with an entry, for the
     * stream threads' check of every token they see (a set lookup, not a store read with its key encoding).
     */
    WatchlistIndexer(java.util.concurrent.atomic.AtomicLong changes, java.util.Set<String> listedTokens,
            TokenLinks links) {
        this.changes = changes;
        this.listedTokens = listedTokens;
        this.links = links;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(CorrelationTopology.WATCHLIST_STORE);
        names = CanonicalTokens.reading(context.getStateStore(CorrelationTopology.TOKEN_LINK_STORE), links);
    }

    @Override
    public void process(Record<String, WatchlistEntry> record) {
        String entryId = record.key();
        if (entryId == null) {
            return;
        }
        WatchlistEntry previous = store.get(byEntry(entryId));
        if (previous != null) {
            String token = previous.getIdentifier().getToken();
            store.delete(byToken(token, entryId));
            try (KeyValueIterator<String, WatchlistEntry> others = store.prefixScan(tokenPrefix(token), KEYS)) {
                if (others.hasNext()) {
                    store.put(listed(token), others.next().value);
                } else {
                    store.delete(listed(token));
                    listedTokens.remove(token);
                }
            }
        }
        WatchlistEntry entry = underOldestToken(record.value());
        if (entry == null) {
            store.delete(byEntry(entryId));
        } else {
            store.put(byEntry(entryId), entry);
            store.put(byToken(entry.getIdentifier().getToken(), entryId), entry);
            store.put(listed(entry.getIdentifier().getToken()), entry);
            listedTokens.add(entry.getIdentifier().getToken());
        }
        changes.incrementAndGet();
    }

    /**
     * The entry as the correlation tasks see it: its identifier under its oldest token, the name events use (see
     * {@link CanonicalTokens}). An entry made during a key rotation's overlap carries both tokens: their link is kept
     * for the tasks, so an identifier first seen after the overlap still meets it.
     */
    private WatchlistEntry underOldestToken(WatchlistEntry entry) {
        if (entry == null) {
            return null;
        }
        Identifier identifier = entry.getIdentifier();
        PreviousToken previous = identifier.getPrevious();
        if (previous != null && !previous.getToken().equals(identifier.getToken())) {
            links.learnFromWatchlist(new TokenLink(identifier.getToken(), identifier.getKeyId(), previous.getToken(),
                    previous.getKeyId()));
        }
        String name = names.of(identifier);
        if (name.equals(identifier.getToken()) && previous == null) {
            return entry;
        }
        return WatchlistEntry.newBuilder(entry)
                .setIdentifier(Identifier.newBuilder(identifier).setToken(name).setPrevious(null).build()).build();
    }

    /** Present while the token has at least one entry. */
    static String listed(String token) {
        return "n:" + token;
    }

    static String byEntry(String entryId) {
        return "e:" + entryId;
    }

    static String byToken(String token, String entryId) {
        return tokenPrefix(token) + entryId;
    }

    static String tokenPrefix(String token) {
        return "t:" + token + ":";
    }
}
