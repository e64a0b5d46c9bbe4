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
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The one stateful step, per correlation key: deduplicates an event by eventId, stores it as evidence (one
 * key-value entry per key; evidence older than window + grace is dropped on access and by an incremental sweep),
 * evaluates the rules against the key's evidence and open episodes, and emits a new alert version, keyed by
 * alertId, for every episode it changed. One get and one put per record: a miss costs a bloom-filter probe.
 */
final class CorrelationProcessor implements Processor<String, Observation, String, Alert> {

    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);
    private static final int SWEEP_SLICE = 2_000;

    private final RuleEngine engine;
    private final AlertComposer composer;
    private final CorrelationListener listener;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, List<Observation>> evidence;
    private KeyValueStore<String, List<Episode>> episodes;
    private StoreSweeper<List<Observation>> evidenceSweeper;
    private StoreSweeper<List<Episode>> episodeSweeper;
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
        this.evidenceSweeper = new StoreSweeper<>(evidence, SWEEP_SLICE);
        this.episodeSweeper = new StoreSweeper<>(episodes, SWEEP_SLICE);
        // Evidence and episodes are pruned when their key sees another event; keys that go quiet are swept here.
        context.schedule(SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> sweep());
    }

    @Override
    public void process(Record<String, Observation> record) {
        CorrelationKey key = CorrelationKey.parse(record.key());
        Observation event = record.value();
        long time = event.observedAt();
        long horizon = engine.horizonMs(key);
        long oldestKept = context.currentStreamTimeMs() - engine.retentionMs(key);
        List<Observation> stored = evidence.get(record.key());
        List<Observation> kept = new ArrayList<>(stored == null ? 1 : stored.size() + 1);
        List<Observation> history = new ArrayList<>();
        if (stored != null) {
            for (Observation earlier : stored) {
                if (earlier.eventId().equals(event.eventId())) {
                    return; // a replay or a resend: evidence counts once
                }
                if (earlier.observedAt() >= oldestKept) {
                    kept.add(earlier);
                    if (Math.abs(earlier.observedAt() - time) <= horizon) {
                        history.add(earlier);
                    }
                }
            }
        }
        kept.add(event);
        evidence.put(record.key(), kept);
        List<WatchMark> marks = key.isToken() ? watchlist.activeAt(key.value(), time) : List.of();
        List<Episode> open = episodes.get(record.key());
        Evaluation evaluation = engine.evaluate(key, event, history, open == null ? List.of() : open, marks,
                context.currentStreamTimeMs(), context.currentSystemTimeMs());
        for (var rule : evaluation.lateFor()) {
            listener.lateForRule(rule.name());
        }
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
            listener.alertEmitted(alert.getType(), alert.getSeverity().name(), alert.getVersion());
        }
    }

    private void sweep() {
        long streamTime = context.currentStreamTimeMs();
        evidenceSweeper.sweep((key, observations) -> {
            long oldestKept = streamTime - engine.retentionMs(CorrelationKey.parse(key));
            return observations.stream().allMatch(o -> o.observedAt() < oldestKept);
        });
        episodeSweeper.sweep((key, open) -> {
            long retention = engine.retentionMs(CorrelationKey.parse(key));
            return open.stream().allMatch(e -> e.windowStart() + retention < streamTime);
        });
    }
}
