package io.waspada.correlation.rules;

import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.RuleName;
import io.waspada.correlation.domain.WatchMark;
import java.util.List;

/**
 * A correlation rule over the evidence of one correlation key: which events count as its evidence, and
 * whether a set of such events (all within one window) makes the rule fire. Pure and stateless.
 */
public interface Rule {

    RuleName name();

    /** The event-time span its evidence must fall in, in milliseconds. */
    long windowMs();

    /** Whether the rule correlates on this kind of key: identifier tokens unless a rule says otherwise (border sites). */
    default boolean appliesTo(CorrelationKey key) {
        return key.isToken();
    }

    /**
     * Whether the event is evidence for this rule under this key; {@code marks}: active watchlist entries.
     * By default every event of the key is.
     */
    default boolean relevant(CorrelationKey key, Observation event, List<WatchMark> marks) {
        return true;
    }

    /**
     * Whether the relevant events (all within one window) make the rule fire. Must be monotone: if it holds for some
     * events, it holds for any set that contains them (counts and distinct sets only grow). The engine relies on it
     * to skip the search for a window when even all the nearby evidence together does not make the rule fire.
     */
    boolean holds(CorrelationKey key, List<Observation> evidence);

    /**
     * A watchlist rule fires on the event itself (not on what the key did before it was listed) and carries
     * the watchlist entries behind it; other rules correlate with earlier evidence and carry none.
     */
    default boolean matchesWatchlist() {
        return false;
    }
}
