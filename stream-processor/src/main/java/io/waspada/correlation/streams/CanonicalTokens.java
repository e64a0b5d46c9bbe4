package io.waspada.correlation.streams;

import io.waspada.avro.Identifier;
import io.waspada.avro.PreviousToken;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The name correlation uses for an identifier: its oldest known token. Outside key rotations that is the token it
 * came with. During an overlap an identifier carries its token under the previous key too, and the oldest name is the
 * previous token's own oldest; after it, a token of the new key is looked up in the links the overlap left
 * ({@code tip.token-links.v1}), followed back to the first key. So one identifier keeps one correlation key, its
 * evidence, its alerts' identity and its watchlist entries across any number of rotations.
 *
 * <p>Per task. Links this task learns from an event ({@link #newLinks}) go to the link topic in the same transaction;
 * links known only from a watchlist entry are written too the first time an event uses them.
 */
final class CanonicalTokens {

    /** A chain longer than this is a loop in damaged data: the name found so far is used. */
    private static final int MAX_HOPS = 16;
    /** Links this task wrote recently, so it does not write them again before the global store has them. */
    private static final int RECENT = 4_096;

    private final ReadOnlyKeyValueStore<String, String> store;
    private final TokenLinks links;
    /** False for the watchlist's global thread, which only reads names; tasks record the links they learn. */
    private final boolean recording;
    private final List<TokenLink> pending = new ArrayList<>(2);
    private final Map<String, Boolean> recent = new LinkedHashMap<>(RECENT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENT;
        }
    };

    CanonicalTokens(ReadOnlyKeyValueStore<String, String> store, TokenLinks links) {
        this(store, links, true);
    }

    private CanonicalTokens(ReadOnlyKeyValueStore<String, String> store, TokenLinks links, boolean recording) {
        this.store = store;
        this.links = links;
        this.recording = recording;
    }

    /** Names without recording links: for the watchlist's global thread. */
    static CanonicalTokens reading(ReadOnlyKeyValueStore<String, String> store, TokenLinks links) {
        return new CanonicalTokens(store, links, false);
    }

    /** The identifier's correlation name. */
    String of(Identifier identifier) {
        PreviousToken previous = identifier.getPrevious();
        if (previous == null || previous.getToken().equals(identifier.getToken())) {
            return oldest(identifier.getToken(), identifier.getKeyId());
        }
        TokenLink link = new TokenLink(identifier.getToken(), identifier.getKeyId(), previous.getToken(),
                previous.getKeyId());
        if (!recent.containsKey(link.token()) && stored(link.token()) == null) {
            write(link);
        }
        return oldest(previous.getToken(), previous.getKeyId());
    }

    /** The links learnt since the last call, to write to the link topic. */
    List<TokenLink> newLinks() {
        if (pending.isEmpty()) {
            return List.of();
        }
        List<TokenLink> learnt = List.copyOf(pending);
        pending.clear();
        return learnt;
    }

    /** Forgets the links learnt since the last call (their event was not admitted): a later event learns them again. */
    void discardNew() {
        for (TokenLink link : pending) {
            recent.remove(link.token());
        }
        pending.clear();
    }

    private String oldest(String token, String keyId) {
        String name = token;
        String key = keyId;
        for (int hop = 0; hop < MAX_HOPS && links.mayHavePrevious(key); hop++) {
            TokenLink link = stored(name);
            if (link == null) {
                link = links.fromWatchlist(name);
                if (link == null) {
                    break;
                }
                if (!recent.containsKey(link.token())) {
                    write(link);
                }
            }
            name = link.previousToken();
            key = link.previousKeyId();
        }
        return name;
    }

    private TokenLink stored(String token) {
        return TokenLink.fromJson(store.get(token));
    }

    private void write(TokenLink link) {
        links.learnKey(link);
        if (!recording) {
            return;
        }
        recent.put(link.token(), Boolean.TRUE);
        pending.add(link);
    }
}
