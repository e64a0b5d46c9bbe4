package io.waspada.correlation.backtest;

import io.waspada.avro.Alert;
import io.waspada.avro.EvidenceRef;
import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.absence.AbsenceRules;
import io.waspada.correlation.rules.Rule;
import io.waspada.correlation.rules.RuleEngine;
import io.waspada.correlation.streams.StreamTopics;
import io.waspada.kafka.KafkaConnection;
import io.waspada.sites.SiteRegistry;
import io.waspada.topics.Topics;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Runs rules over the events still on the topics, as the live engine would have, without touching it: the history
 * is read without a consumer group ({@link TopicHistory}) and correlated in this process ({@link OfflineCorrelation},
 * the production topology with its state in memory). The watchlist and the key-rotation links are read whole first,
 * so every entry counts as listed before the events (entries listed later flag their token's earlier evidence live
 * too, within the watchlist rule's reach). Then the live alerts of the same rules over the same records are read, to
 * compare: those whose evidence names an event the back-test read (an event observed long before it was posted, read
 * because it was written after {@code from}, counts), or whose newest evidence was observed at or after {@code from}
 * (an alert that lists only part of its evidence).
 */
public final class Backtest {

    /** Records between two wall-clock ticks of the offline driver (its punctuations: flush, sweep, backfill). */
    private static final int TICK_EVERY = 1_000;

    private final KafkaConnection kafka;
    private final StreamTopics source;
    private final PrintStream progress;

    public Backtest(KafkaConnection kafka, StreamTopics source, PrintStream progress) {
        this.kafka = kafka;
        this.source = source;
        this.progress = progress;
    }

    /**
     * The rules of {@code file} over the events written from {@code from} (record time) on; null: all. Grace and
     * evidence cap are the settings'.
     */
    public BacktestReport run(RuleSettings settings, BacktestRules file, SiteRegistry sites, Instant from) {
        List<Rule> rules = file.rules();
        AbsenceRules absences = file.absences();
        BacktestReport report = new BacktestReport(file.ids(), from, null);
        // The eventIds read (the records' keys): a live alert that names one of them is over the same records.
        Set<String> eventIds = new HashSet<>();
        TopicHistory history = new TopicHistory(kafka);
        TopicHistory.Progress quiet = (read, total) -> { };
        try (OfflineCorrelation offline = new OfflineCorrelation(settings, rules, absences, sites)) {
            history.read(List.of(source.tokenLinks()), null, null, offline::tokenLink, quiet);
            history.read(List.of(source.watchlist()), null, null, offline::watchlistEntry, quiet);
            long[] piped = {0};
            long events = history.read(List.of(source.sightings(), source.interceptions()), from, null, record -> {
                if (record.key() != null) {
                    eventIds.add(new String(record.key(), StandardCharsets.UTF_8));
                }
                if (record.topic().equals(source.sightings())) {
                    offline.sighting(record);
                } else {
                    offline.interception(record);
                }
                if (++piped[0] % TICK_EVERY == 0) {
                    offline.tick();
                    offline.alerts().forEach(report::backtested);
                }
            }, (read, total) -> progress.printf("[backtest] read %,d of %,d events%n", read, total));
            // Lets the flush run: a hot episode's last version, held back, goes out.
            offline.tick();
            offline.tick();
            offline.alerts().forEach(report::backtested);
            report.waiting(offline.waitingAbsences());
            report.read(events, offline.late.get(), offline.undecodable.get());
        }
        long reach = Math.max(new RuleEngine(rules, settings).lateAfterMs(), absences.lateAfterMs());
        Instant liveFrom = from == null ? null : from.minusMillis(reach);
        var alerts = Topics.ALERTS.valueSerde().deserializer();
        history.read(List.of(source.alerts()), liveFrom, null, record -> {
            Alert alert = decode(alerts, record);
            if (alert != null && (from == null || !alert.getLastSeen().isBefore(from) || names(alert, eventIds))) {
                report.live(alert);
            }
        }, (read, total) -> progress.printf("[backtest] read %,d of %,d live alert versions%n", read, total));
        return report;
    }

    private static boolean names(Alert alert, Set<String> eventIds) {
        for (EvidenceRef ref : alert.getEvidence()) {
            if (eventIds.contains(ref.getEventId())) {
                return true;
            }
        }
        return false;
    }

    private static Alert decode(org.apache.kafka.common.serialization.Deserializer<Alert> alerts,
            ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return alerts.deserialize(record.topic(), record.value());
        } catch (RuntimeException undecodable) {
            return null;
        }
    }
}
