package io.waspada.correlation.streams;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the topology's global threads know of pseudonymisation key rotations, read by every task: the key ids that
 * replaced another key (only their tokens can have an older name, so tokens of other keys need no look-up), and the
 * links that watchlist entries made during an overlap carry (an entry's token under both keys), which a task writes
 * to the link topic the first time an event uses one (a link learnt from an entry is kept until a restart, and after
 * one only while the entry exists: written once used, it is kept for good). The links events made are in the global
 * store {@link CorrelationTopology#TOKEN_LINK_STORE}.
 */
final class TokenLinks {

    private final Set<String> successorKeys = ConcurrentHashMap.newKeySet();
    private final Map<String, TokenLink> fromWatchlist = new ConcurrentHashMap<>();

    /** {@code link.keyId()} replaced {@code link.previousKeyId()}. */
    void learnKey(TokenLink link) {
        successorKeys.add(link.keyId());
    }

    /** Whether a token of this key can have an older name: its key replaced another. */
    boolean mayHavePrevious(String keyId) {
        return !successorKeys.isEmpty() && successorKeys.contains(keyId);
    }

    void learnFromWatchlist(TokenLink link) {
        learnKey(link);
        fromWatchlist.put(link.token(), link);
    }

    /** The link a watchlist entry carries for this token, or null. */
    TokenLink fromWatchlist(String token) {
        return fromWatchlist.get(token);
    }
}
