package io.waspada.correlation.rules;

import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Episode;
import io.waspada.correlation.domain.Listing;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.RuleName;
import io.waspada.correlation.domain.WatchMark;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongFunction;

/**
 * What watchlist entries new to a token do to the token's evidence already correlated. Every stored event that the
 * new entries make evidence for {@link RuleName#WATCHLIST_HIT}, and that no entry applied before had made so, now
 * counts, as it would have had the entries been listed before the event came: the token's watchlist episodes end as
 * if the entries had been there all along (the engine's episodes depend on the set of events, not their order). Each
 * episode that changed gets one new version, not one per event. Events counted before are not counted again; no
 * episode shrinks (a removed entry stops future hits only).
 */
public final class RetroactiveListing {

    private static final Comparator<Observation> EVENT_ORDER =
            Comparator.comparingLong(Observation::observedAt).thenComparing(Observation::eventId);

    private final RuleEngine engine;

    public RetroactiveListing(RuleEngine engine) {
        this.engine = engine;
    }

    /**
     * @param stored the token's evidence still within the watchlist rule's reach (older events' episodes are closed)
     * @param open   the token's open episodes (of every rule; only watchlist ones change)
     * @param before the entries already applied to this token's evidence (live or by an earlier pass)
     * @param added  the entries new to it (an entry changed since it was applied is here, its old form in before)
     */
    public Evaluation apply(CorrelationKey key, List<Observation> stored, List<Episode> open, List<Listing> before,
            List<Listing> added, long streamTimeMs, long nowMs) {
        LongFunction<List<WatchMark>> marksAt = at -> marks(before, added, at);
        List<Observation> events = new ArrayList<>(stored);
        events.sort(EVENT_ORDER);
        List<Observation> counted = new ArrayList<>();
        for (Observation event : events) {
            if (activeAny(before, event.observedAt())) {
                counted.add(event);
            }
        }
        List<Episode> current = open;
        List<Episode> touched = new ArrayList<>();
        boolean openChanged = false;
        for (Observation event : events) {
            if (activeAny(before, event.observedAt()) || !activeAny(added, event.observedAt())) {
                continue;
            }
            Evaluation evaluation = engine.evaluateFor(RuleName.WATCHLIST_HIT.name(), key, event, counted, current, marksAt,
                    streamTimeMs, nowMs);
            current = evaluation.open();
            openChanged |= evaluation.openChanged();
            for (Episode changed : evaluation.changed()) {
                if (touched.stream().noneMatch(changed::sameAs)) {
                    touched.add(changed);
                }
            }
            int at = java.util.Collections.binarySearch(counted, event, EVENT_ORDER);
            counted.add(at < 0 ? -at - 1 : at, event);
        }
        List<Episode> kept = new ArrayList<>(current);
        List<Episode> versions = new ArrayList<>(touched.size());
        for (int i = 0; i < kept.size(); i++) {
            Episode episode = kept.get(i);
            if (touched.stream().anyMatch(episode::sameAs)) {
                Episode was = open.stream().filter(episode::sameAs).findFirst().orElse(null);
                Episode version = episode.withVersion(was == null ? 1 : was.version() + 1);
                kept.set(i, version);
                versions.add(version);
            }
        }
        return new Evaluation(kept, versions, openChanged, List.of());
    }

    private static boolean activeAny(List<Listing> listings, long at) {
        for (Listing listing : listings) {
            if (listing.activeAt(at)) {
                return true;
            }
        }
        return false;
    }

    /** The marks active at {@code at}: an entry in both lists counts in its new form. */
    private static List<WatchMark> marks(List<Listing> before, List<Listing> added, long at) {
        List<WatchMark> marks = new ArrayList<>(2);
        for (Listing listing : added) {
            if (listing.activeAt(at)) {
                marks.add(listing.mark());
            }
        }
        for (Listing listing : before) {
            if (listing.activeAt(at) && added.stream().noneMatch(a -> a.entryId().equals(listing.entryId()))) {
                marks.add(listing.mark());
            }
        }
        return marks;
    }
}
