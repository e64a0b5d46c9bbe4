package io.waspada.correlation.streams;

import io.waspada.avro.Alert;
import io.waspada.avro.WatchlistEntry;
import io.waspada.correlation.absence.AbsenceAlerts;
import io.waspada.correlation.absence.AbsenceRules;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Episode;
import io.waspada.correlation.domain.Listing;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.WatchMark;
import io.waspada.correlation.rulebook.RuleBook;
import io.waspada.correlation.rulebook.RuleMode;
import io.waspada.correlation.rules.AlertComposer;
import io.waspada.correlation.rules.Evaluation;
import io.waspada.correlation.rules.RuleEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The one stateful step, per correlation key: deduplicates an event by eventId, appends it to the key's evidence
 * (one entry per event, in event-time order; segments past the widest reach expire), reads the key's history within
 * its rules' reach (one time-range scan; a hot key's two bounded ones), evaluates the rules against it and the key's
 * open episodes (not read for a key with no nearby evidence), completes every episode that changed with the evidence
 * its alert carries, and emits it as a new alert version keyed by alertId. Per-event work does not grow with a key's
 * history: at most {@link #MAX_HISTORY} neighbouring events each side are read (the nearest first), so a key named by
 * thousands of events slows only itself.
 */
final class CorrelationProcessor implements Processor<String, Observation, String, Alert> {

    /**
     * The most history one event is evaluated against on each side of it (nearest first). Only a hot key
     * (more events than this within a rule's window) sees a sample; new windows then count what was read.
     */
    static final int MAX_HISTORY = Integer.getInteger("waspada.correlation.max-history", 128);
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);
    private static final Duration BACKFILL_INTERVAL = Duration.ofSeconds(1);
    /** How often the latest versions of hot episodes go out ({@link DeferredVersions}). */
    private static final Duration FLUSH_INTERVAL = Duration.ofMillis(200);
    /**
     * And whenever stream time moved on this far since the last flush (a replay or a backlog drains days of event time
     * in seconds): long before a waiting episode could expire, or its evidence leave the store (the grace is 24 h).
     */
    private static final long FLUSH_STREAM_MS = Duration.ofHours(1).toMillis();
    private long flushedAtStreamTime = Long.MIN_VALUE;
    private static final int SWEEP_SLICE = 2_000;
    /**
     * Absence rules look for As that fell due whenever stream time moves ({@link PendingAbsences}: a field compare
     * unless one did), so an A fires with the first record that takes stream time past its deadline plus grace.
     */
    private static final Duration ABSENCE_STREAM_INTERVAL = Duration.ofMillis(1);

    private final RuleEngine engine;
    private final AlertComposer composer;
    private final CorrelationListener listener;
    private final AlertTraces traces;
    private final java.util.Set<String> listedTokens;
    private ProcessorContext<String, Alert> context;
    private WindowStore<String, Observation> evidence;
    private KeyValueStore<String, List<Observation>> legacy;
    private KeyValueStore<String, List<Episode>> episodes;
    private StoreSweeper<List<Observation>> legacySweeper;
    private StoreSweeper<List<Episode>> episodeSweeper;
    private WatchlistLookup watchlist;
    private WatchlistBackfill backfill;
    private DeferredVersions deferred;
    private final AbsenceRules absenceRules;
    private final AbsenceAlerts absenceAlerts;
    private PendingAbsences absences;
    private final java.util.concurrent.atomic.AtomicLong watchlistChanges;
    private long watchlistSeen = -1;
    /** Keys seen with more evidence than one scan reads (the most recent {@value #HOT_KEYS_KEPT}). */
    private final java.util.Map<String, Boolean> hotKeys = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
            return size() > HOT_KEYS_KEPT;
        }
    };
    private static final int HOT_KEYS_KEPT = 1_000;
    /** Whether the legacy store had entries when this task first processed (null until then). */
    private Boolean legacyEntries;
    /** The rule versions read from the rules topic: which version of each rule governs an event. */
    private final RuleBook ruleBook;

    CorrelationProcessor(RuleEngine engine, AlertComposer composer, CorrelationListener listener,
            java.util.concurrent.atomic.AtomicLong watchlistChanges, java.util.Set<String> listedTokens,
            AlertTraces traces, AbsenceRules absenceRules, AbsenceAlerts absenceAlerts,
            io.waspada.correlation.rulebook.RuleBook ruleBook) {
        this.absenceRules = absenceRules;
        this.absenceAlerts = absenceAlerts;
        this.ruleBook = ruleBook;
        this.listedTokens = listedTokens;
        this.traces = traces;
        this.watchlistChanges = watchlistChanges;
        this.engine = engine;
        this.composer = composer;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.watchlistSeen = -1; // a revived task's rolled-back state may miss what was applied: look again
        this.evidence = context.getStateStore(CorrelationTopology.EVIDENCE_STORE);
        this.legacy = context.getStateStore(CorrelationTopology.LEGACY_EVIDENCE_STORE);
        this.episodes = context.getStateStore(CorrelationTopology.EPISODE_STORE);
        KeyValueStore<String, WatchlistEntry> watch = context.getStateStore(CorrelationTopology.WATCHLIST_STORE);
        this.watchlist = new WatchlistLookup(watch, listedTokens);
        this.backfill = new WatchlistBackfill(engine, watchlist,
                context.getStateStore(CorrelationTopology.WATCHLIST_APPLIED_STORE), evidence, episodes,
                (key, correlationKey, evaluation, timestamp) -> publish(key, correlationKey, evaluation,
                        marksOf(correlationKey), timestamp, null, this::modeAt));
        this.deferred = new DeferredVersions(context.getStateStore(CorrelationTopology.DEFERRED_STORE),
                DeferredVersions.EAGER_PER_SECOND);
        this.legacySweeper = new StoreSweeper<>(legacy, SWEEP_SLICE);
        this.episodeSweeper = new StoreSweeper<>(episodes, SWEEP_SLICE);
        // Episodes are pruned when their key sees another event; keys that go quiet are swept here. Evidence expires
        // with its store's segments.
        context.schedule(SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> sweep());
        // New watchlist entries flag the evidence of tokens that see no new event within a second.
        context.schedule(BACKFILL_INTERVAL, PunctuationType.WALL_CLOCK_TIME,
                now -> sweepWatchlist(now));
        // A hot episode's latest version, at most this long after its update.
        context.schedule(FLUSH_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> flushDeferred());
        this.absences = new PendingAbsences(absenceRules, absenceAlerts,
                context.getStateStore(CorrelationTopology.ABSENCE_DUE_STORE),
                context.getStateStore(CorrelationTopology.ABSENCE_PENDING_STORE), evidence, listener, ruleBook,
                context.currentSystemTimeMs());
        // Absence rules fire when stream time passes an A's deadline plus grace; on the wall clock when idle. (Also
        // without absence rules: As a removed rule left waiting are then dropped when due.)
        context.schedule(ABSENCE_STREAM_INTERVAL, PunctuationType.STREAM_TIME, time -> emit(
                absences.raiseDue(context.currentStreamTimeMs(), context.currentSystemTimeMs()),
                context.currentStreamTimeMs(), null));
        context.schedule(BACKFILL_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> emit(
                absences.onWallClock(context.currentStreamTimeMs(), now), context.currentStreamTimeMs(), null));
    }

    @Override
    public void process(Record<String, Observation> record) {
        if (flushedAtStreamTime == Long.MIN_VALUE) {
            flushedAtStreamTime = context.currentStreamTimeMs();
        } else if (deferred.any() && context.currentStreamTimeMs() - flushedAtStreamTime > FLUSH_STREAM_MS) {
            flushDeferred(); // before this record's writes can expire anything
        }
        absences.sawInput(context.currentSystemTimeMs());
        String key = record.key();
        CorrelationKey correlationKey = CorrelationKey.parse(key);
        Observation event = record.value();
        if (event.admittedStreamTime() == Observation.NOT_ADMITTED) {
            event = event.admittedAt(arrivalStreamTime(record)); // written to the repartition topic by version 2
        }
        long time = event.observedAt();
        if (legacyEntries == null) {
            // Nothing is ever written to the legacy store: if it is empty now (a fresh installation, or after the
            // migration), it is not read per record at all.
            try (var any = legacy.all()) {
                legacyEntries = any.hasNext();
            }
        }
        if (legacyEntries) {
            migrate(key);
        }
        long horizon = engine.horizonMs(correlationKey);
        long oldestKept = context.currentStreamTimeMs() - engine.retentionMs(correlationKey);
        List<Observation> history = history(key, event, Math.max(time - horizon, oldestKept), time + horizon);
        if (history == null) {
            return; // a replay or a resend: evidence counts once
        }
        LongFunction<List<WatchMark>> marksAt = at -> List.of();
        if (correlationKey.isToken()) {
            // Entries listed since this token's evidence was evaluated flag it first (the event is not in it yet);
            // the event is evaluated against the same entries (the global thread may change the store meanwhile).
            List<Listing> listed = backfill.beforeEvent(correlationKey, context.currentStreamTimeMs(),
                    context.currentSystemTimeMs());
            if (!listed.isEmpty()) {
                marksAt = at -> Listing.activeAt(listed, at);
            }
        }
        evidence.put(key, event, time);
        // Each rule as the version in force at the event's time (event time: the same on every instance).
        RuleBook.InForce inForce = ruleBook.inForceAt(time);
        absences.onEvent(correlationKey, event, inForce);
        // A key without evidence within its widest window either side has no episode this event could join or widen:
        // its episodes are read only if the event starts one on its own (a watchlist hit).
        boolean alone = history.isEmpty() && time - horizon >= oldestKept;
        List<Episode> open = alone ? List.of() : episodes.get(key);
        if (open != null && deferred.any()) {
            sendExpiring(key, correlationKey, open, marksAt, record.timestamp());
        }
        Evaluation evaluation = engine.evaluateUnder(inForce.rules(), correlationKey, event, history,
                open == null ? List.of() : open, marksAt, context.currentStreamTimeMs(), context.currentSystemTimeMs());
        if (alone && evaluation.openChanged()) {
            open = episodes.get(key);
            evaluation = engine.evaluateUnder(inForce.rules(), correlationKey, event, history,
                    open == null ? List.of() : open, marksAt, context.currentStreamTimeMs(),
                    context.currentSystemTimeMs());
        }
        for (var rule : evaluation.lateFor()) {
            listener.lateForRule(rule);
        }
        if (!evaluation.openChanged()) {
            return;
        }
        publish(key, correlationKey, evaluation, marksAt, record.timestamp(), record.headers(),
                e -> inForce.shadow(String.valueOf(e.rule())) ? RuleMode.SHADOW : RuleMode.ACTIVE);
    }

    /** How the episode's rule runs at its latest holding window's start (a watchlist entry's backfill). */
    private RuleMode modeAt(Episode episode) {
        return ruleBook.modeAt(String.valueOf(episode.rule()), episode.lastStart());
    }

    private void shadowAlert(String rule) {
        ruleBook.countShadow(rule);
        listener.ruleShadowAlert(rule);
    }

    private LongFunction<List<WatchMark>> marksOf(CorrelationKey key) {
        return key.isToken() ? at -> watchlist.activeAt(key.value(), at) : at -> List.of();
    }

    /**
     * Stores the key's episodes as the evaluation left them and emits a version of each that changed, completed with
     * the evidence it carries (read from the evidence store within its range). Each version continues the trace of
     * {@code cause}, the headers of the event behind it (null for a watchlist entry's backfill). An episode whose
     * rule does not run {@code active} ({@code modes}) is stored as it would be and not emitted (a new one of a rule in
     * shadow mode is counted).
     */
    private void publish(String key, CorrelationKey correlationKey, Evaluation evaluation,
            LongFunction<List<WatchMark>> marksAt, long timestamp, org.apache.kafka.common.header.Headers cause,
            java.util.function.Function<Episode, RuleMode> modes) {
        List<Episode> kept = new ArrayList<>(evaluation.open());
        List<Alert> versions = new ArrayList<>(evaluation.changed().size());
        for (Episode changed : evaluation.changed()) {
            RuleMode mode = modes.apply(changed);
            if (mode != RuleMode.ACTIVE) {
                compose(key, correlationKey, changed, marksAt, kept); // its stored form, never emitted
                if (mode == RuleMode.SHADOW && changed.version() == 1) {
                    shadowAlert(String.valueOf(changed.rule()));
                }
                continue;
            }
            if (deferred.sendNow(key, changed, context.currentSystemTimeMs())) {
                versions.add(compose(key, correlationKey, changed, marksAt, kept).orElseThrow());
            }
        }
        if (kept.isEmpty()) {
            episodes.delete(key);
        } else {
            episodes.put(key, kept);
        }
        emit(versions, timestamp, cause);
    }

    /**
     * The alert version of {@code changed}, with the evidence it carries; its stored state replaced in {@code kept}.
     * Empty if none of its evidence is stored any more: only possible for a version that waited and was flushed after
     * stream time left its evidence behind, which the flushes are there to prevent (the event that changed an episode
     * is always in its evidence).
     */
    private java.util.Optional<Alert> compose(String key, CorrelationKey correlationKey, Episode changed,
            LongFunction<List<WatchMark>> marksAt, List<Episode> kept) {
        long window = engine.windowMs(changed.rule(), changed.lastStart());
        List<Observation> candidates = carriedCandidates(key, changed.firstStart(), changed.reachEnd(window));
        if (candidates.isEmpty()) {
            return java.util.Optional.empty();
        }
        Episode carried = engine.carried(correlationKey, changed, candidates, marksAt);
        kept.set(kept.indexOf(changed), carried.stored());
        return java.util.Optional.of(composer.compose(correlationKey, carried, context.currentSystemTimeMs()));
    }

    private void emit(List<Alert> versions, long timestamp, org.apache.kafka.common.header.Headers cause) {
        for (Alert alert : versions) {
            context.forward(new Record<>(alert.getAlertId(), alert, timestamp, traces.headersFor(alert, cause)));
            listener.alertEmitted(alert.getType(), alert.getSeverity().name(), alert.getVersion());
        }
    }

    /**
     * An episode whose latest version waits for the flush, and that this event's evaluation is about to drop (its
     * cell's last window plus the grace is behind stream time), goes out first: what waits is never dropped unsent.
     */
    private void sendExpiring(String key, CorrelationKey correlationKey, List<Episode> open,
            LongFunction<List<WatchMark>> marksAt, long timestamp) {
        List<Alert> versions = new ArrayList<>(1);
        List<Episode> kept = new ArrayList<>(open);
        for (Episode episode : open) {
            if (engine.expired(episode, context.currentStreamTimeMs()) && deferred.take(key, episode)) {
                compose(key, correlationKey, episode, marksAt, kept).ifPresent(versions::add);
            }
        }
        emit(versions, timestamp, null);
    }

    /** The latest version of every episode whose updates waited, with the evidence it has now. */
    private void flushDeferred() {
        flushedAtStreamTime = context.currentStreamTimeMs();
        if (!deferred.any()) {
            return;
        }
        deferred.flush((key, waiting) -> {
            List<Episode> open = episodes.get(key);
            if (open == null) {
                return; // expired and swept meanwhile: nothing more to say about it
            }
            CorrelationKey correlationKey = CorrelationKey.parse(key);
            List<Episode> kept = new ArrayList<>(open);
            List<Alert> versions = new ArrayList<>(waiting.size());
            for (Episode episode : open) {
                if (waiting.stream().anyMatch(w -> w.key.equals(episode.rule()) && w.value == episode.anchor())) {
                    compose(key, correlationKey, episode, marksOf(correlationKey), kept).ifPresent(versions::add);
                }
            }
            if (!versions.isEmpty()) {
                episodes.put(key, kept);
                emit(versions, context.currentStreamTimeMs(), null);
            }
        });
    }

    /**
     * What an alert version may carry: the key's evidence in an episode's range, the latest first, at most
     * twice max-alert-evidence entries (an alert carries at most max-alert-evidence of them; its count stays exact).
     */
    private List<Observation> carriedCandidates(String key, long from, long to) {
        List<Observation> stored = new ArrayList<>();
        try (WindowStoreIterator<Observation> latest = evidence.backwardFetch(key, from, to)) {
            while (latest.hasNext() && stored.size() < 2 * engine.maxEvidence()) {
                stored.add(latest.next().value);
            }
        }
        return stored;
    }

    /**
     * The key's evidence in [from, to]; null if the event is already in it (a replay or a resend). Most keys hold
     * little evidence: one forward scan reads all of it. A key with more than {@link #MAX_HISTORY} entries in that
     * range (remembered as hot) is read with {@link #nearest} instead.
     */
    private List<Observation> history(String key, Observation event, long from, long to) {
        List<Observation> history = new ArrayList<>();
        if (from > to) {
            return history;
        }
        if (!hotKeys.containsKey(key)) {
            try (WindowStoreIterator<Observation> all = evidence.fetch(key, from, to)) {
                while (all.hasNext() && history.size() <= MAX_HISTORY) {
                    var entry = all.next();
                    if (entry.key == event.observedAt() && entry.value.eventId().equals(event.eventId())) {
                        return null;
                    }
                    history.add(entry.value);
                }
                if (!all.hasNext() && history.size() <= MAX_HISTORY) {
                    return history;
                }
            }
            hotKeys.put(key, Boolean.TRUE);
        }
        return nearest(key, event, from, to);
    }

    /**
     * A hot key's evidence in [from, to], nearest to the event first: backwards from its time (which also finds the
     * event itself if it is already there: null then), then forwards after it; at most {@link #MAX_HISTORY} on each
     * side. Both scans stop at the cap, so events that arrived ahead of this one cost no more than those behind it.
     */
    private List<Observation> nearest(String key, Observation event, long from, long to) {
        List<Observation> history = new ArrayList<>();
        long time = event.observedAt();
        try (WindowStoreIterator<Observation> before = evidence.backwardFetch(key, from, Math.min(time, to))) {
            int kept = 0;
            while (before.hasNext()) {
                var entry = before.next();
                if (entry.key == time && entry.value.eventId().equals(event.eventId())) {
                    return null;
                }
                if (entry.key < time && kept >= MAX_HISTORY) {
                    break; // past the event's own time, the cap holds; at its time, keep looking for a duplicate
                }
                if (kept < MAX_HISTORY) {
                    history.add(entry.value);
                    kept++;
                }
            }
        }
        if (time < to) {
            try (WindowStoreIterator<Observation> after = evidence.fetch(key, time + 1, to)) {
                int kept = 0;
                while (after.hasNext() && kept < MAX_HISTORY) {
                    history.add(after.next().value);
                    kept++;
                }
            }
        }
        return history;
    }

    /** For an event admitted by the previous version: its header; this task's stream time for records without it. */
    private long arrivalStreamTime(Record<String, Observation> record) {
        var header = record.headers().lastHeader(Admission.ARRIVAL_STREAM_TIME_HEADER);
        if (header == null || header.value() == null || header.value().length != Long.BYTES) {
            return context.currentStreamTimeMs();
        }
        return java.nio.ByteBuffer.wrap(header.value()).getLong();
    }

    /** A key kept by the first generation's evidence store moves into the time-ordered one the first time it is seen. */
    private void migrate(String key) {
        List<Observation> old = legacy.get(key);
        if (old == null) {
            return;
        }
        long oldestKept = context.currentStreamTimeMs() - engine.retentionMs(CorrelationKey.parse(key));
        for (Observation observation : old) {
            if (observation.observedAt() >= oldestKept) {
                evidence.put(key, observation, observation.observedAt());
            }
        }
        legacy.delete(key);
    }

    /** New entries flag stored evidence; only after the watchlist changed (the global thread counts its changes). */
    private void sweepWatchlist(long now) {
        long changes = watchlistChanges.get();
        if (changes != watchlistSeen) {
            backfill.sweep(context.currentStreamTimeMs(), now);
            watchlistSeen = changes;
        }
    }

    private void sweep() {
        flushDeferred(); // before any waiting episode could be swept away unsent
        long streamTime = context.currentStreamTimeMs();
        legacySweeper.sweep((key, observations) -> {
            long oldestKept = streamTime - engine.retentionMs(CorrelationKey.parse(key));
            return observations.stream().allMatch(o -> o.observedAt() < oldestKept);
        });
        episodeSweeper.sweep((key, open) -> open.stream().allMatch(e -> engine.expired(e, streamTime)));
        backfill.closeRemoved(streamTime);
    }
}
