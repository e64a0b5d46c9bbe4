package io.waspada.correlation.streams;

import io.waspada.avro.Alert;
import io.waspada.avro.WatchlistEntry;
import io.waspada.correlation.domain.CorrelationKey;
import io.waspada.correlation.domain.Episode;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.WatchMark;
import io.waspada.correlation.rules.AlertComposer;
import io.waspada.correlation.rules.Evaluation;
import io.waspada.correlation.rules.RuleEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The one stateful step, per correlation key: deduplicates an event by eventId, stores it as evidence (a window
 * store, so evidence older than window + grace is dropped by segment), evaluates the rules against the key's
 * evidence and open episodes, and emits a new alert version, keyed by alertId, for every episode it changed.
 */
final class CorrelationProcessor implements Processor<String, Observation, String, Alert> {

    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(5);

    private final RuleEngine engine;
    private final AlertComposer composer;
    private final CorrelationListener listener;
    private ProcessorContext<String, Alert> context;
    private WindowStore<String, Observation> evidence;
    private KeyValueStore<String, List<Episode>> episodes;
    private WatchlistLookup watchlist;

    CorrelationProcessor(RuleEngine engine, AlertComposer composer, CorrelationListener listener) {
        this.engine = engine;
        this.composer = composer;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.evidence = context.getStateStore(CorrelationTopology.EVIDENCE_STORE);
        this.episodes = context.getStateStore(CorrelationTopology.EPISODE_STORE);
        KeyValueStore<String, WatchlistEntry> watch = context.getStateStore(CorrelationTopology.WATCHLIST_STORE);
        this.watchlist = new WatchlistLookup(watch);
        // Episodes are pruned when their key sees another event; keys that go quiet are swept here.
        context.schedule(SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> sweepClosedEpisodes());
    }

    @Override
    public void process(Record<String, Observation> record) {
        CorrelationKey key = CorrelationKey.parse(record.key());
        Observation event = record.value();
        long time = event.observedAt();
        long horizon = engine.horizonMs(key);
        List<Observation> history = new ArrayList<>();
        try (WindowStoreIterator<Observation> stored =
                evidence.fetch(record.key(), Math.max(0, time - horizon), time + horizon)) {
            while (stored.hasNext()) {
                Observation earlier = stored.next().value;
                if (earlier.eventId().equals(event.eventId())) {
                    return; // a replay or a resend: evidence counts once
                }
                history.add(earlier);
            }
        }
        evidence.put(record.key(), event, time);
        List<WatchMark> marks = key.isToken() ? watchlist.activeAt(key.value(), time) : List.of();
        List<Episode> open = episodes.get(record.key());
        Evaluation evaluation = engine.evaluate(key, event, history, open == null ? List.of() : open, marks,
                context.currentStreamTimeMs(), context.currentSystemTimeMs());
        if (evaluation.openChanged()) {
            if (evaluation.open().isEmpty()) {
                episodes.delete(record.key());
            } else {
                episodes.put(record.key(), evaluation.open());
            }
        }
        for (Episode episode : evaluation.changed()) {
            Alert alert = composer.compose(key, episode, context.currentSystemTimeMs());
            context.forward(new Record<>(alert.getAlertId(), alert, record.timestamp()));
            listener.alertEmitted(alert.getType(), alert.getVersion());
        }
    }

    private void sweepClosedEpisodes() {
        long streamTime = context.currentStreamTimeMs();
        List<String> closed = new ArrayList<>();
        try (KeyValueIterator<String, List<Episode>> all = episodes.all()) {
            while (all.hasNext()) {
                KeyValue<String, List<Episode>> entry = all.next();
                CorrelationKey key = CorrelationKey.parse(entry.key);
                long retention = engine.retentionMs(key);
                if (entry.value.stream().allMatch(e -> e.windowStart() + retention < streamTime)) {
                    closed.add(entry.key);
                }
            }
        }
        closed.forEach(episodes::delete);
    }
}
