package io.waspada.correlation.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.Interception;
import io.waspada.avro.Sighting;
import io.waspada.avro.WatchlistEntry;
import io.waspada.correlation.bench.EventGenerator;
import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.domain.Observation;
import io.waspada.correlation.domain.WatchMark;
import io.waspada.correlation.testing.ReferenceEpisodes;
import io.waspada.kafka.KafkaConnection;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.sites.SiteRegistry;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topic;
import io.waspada.topics.TopicCreator;
import io.waspada.topics.TopicSpec;
import io.waspada.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine against the episode definition read literally ({@link ReferenceEpisodes}): the benchmark's agency feed
 * (200,000 events over a month, 2% reported up to 12 h late, 500 watchlist entries) through the production topology
 * on the real broker gives, for every alertId, the same rule, exact event count and carried evidence as the reference
 * computes from the final set of events, and nothing else. (One partition per topic, so the month of event time is
 * read in feed order: the order-independence itself is {@link InterleavingTest}'s subject.)
 *
 * <p>Differences from the first generation, by design of issue #14: alertIds are anchored at the grid cell of the
 * episode's windows (not at the first event present when the rule first held); an episode's evidence is every event
 * of its holding windows (it can reach one window past its cell and share events with the next cell's episode); an
 * event counts for a rule unless it came too late for that rule (no separate "closed window" test at arrival).
 */
@Timeout(300)
class EpisodeEquivalenceTest {

    static final int EVENTS = Integer.getInteger("waspada.equivalence.events", 200_000);

    private final KafkaConnection kafka = SharedKafka.connection();
    private final String prefix = "equivalence-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final StreamTopics topics = StreamTopics.prefixed(prefix);

    @Test
    void theEngineRaisesExactlyTheEpisodesTheDefinitionGivesOnTheBenchmarkFeed(@TempDir Path state) {
        SiteRegistry sites = SiteRegistry.defaults();
        Topic<String, Sighting> sightings = single(Topics.SIGHTINGS);
        Topic<String, Interception> interceptions = single(Topics.INTERCEPTIONS);
        Topic<String, WatchlistEntry> watchlist = single(Topics.WATCHLIST);
        Topic<String, Alert> alerts = single(Topics.ALERTS);
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            new TopicCreator(admin).create(List.of(sightings, interceptions, watchlist, alerts, single(Topics.DLQ),
                    single(Topics.TOKEN_LINKS), single(Topics.RULES)));
        }
        EventGenerator feed = new EventGenerator(42, EVENTS, sites);
        Map<String, List<WatchMark>> watched = new HashMap<>();
        List<Observation> events = new ArrayList<>(EVENTS);
        try (KafkaProducer<String, WatchlistEntry> entries = TopicClients.producer(kafka, watchlist);
                KafkaProducer<String, Sighting> seen = TopicClients.producer(kafka, sightings);
                KafkaProducer<String, Interception> intercepted = TopicClients.producer(kafka, interceptions)) {
            for (WatchlistEntry entry : feed.watchlist(500)) {
                entries.send(new ProducerRecord<>(watchlist.name(), entry.getEntryId(), entry));
                watched.computeIfAbsent(entry.getIdentifier().getToken(), t -> new ArrayList<>()).add(new WatchMark(
                        entry.getEntryId(), entry.getOwningAgency(), entry.getSeverity(),
                        entry.getCreatedAt().toEpochMilli()));
            }
            entries.flush();
            for (int i = 0; i < EVENTS; i++) {
                Object event = feed.next();
                if (event instanceof Sighting sighting) {
                    seen.send(new ProducerRecord<>(sightings.name(), sighting.getEventId(), sighting));
                    events.add(Observations.of(sighting));
                } else if (event instanceof Interception interception) {
                    intercepted.send(new ProducerRecord<>(interceptions.name(), interception.getEventId(),
                            interception));
                    events.add(Observations.of(interception));
                }
            }
        }
        Map<String, String> expected = ReferenceEpisodes.of(events, watched, RuleSettings.defaults(), sites);
        assertThat(expected).as("the feed exercises every rule").hasSizeGreaterThan(EVENTS / 20);

        long began = System.nanoTime();
        KafkaStreams streams = start(state);
        Map<String, String> raised;
        try {
            raised = latest(TopicClients.readUntil(kafka, alerts, read -> latest(read).equals(expected),
                    Duration.ofSeconds(240)));
        } finally {
            streams.close(Duration.ofSeconds(30));
        }
        System.out.printf("equivalence: %,d events, %,d episodes, drained and compared in %.1f s%n", EVENTS,
                expected.size(), (System.nanoTime() - began) / 1e9);
        Map<String, String> differences = new TreeMap<>();
        expected.forEach((id, summary) -> {
            if (!summary.equals(raised.get(id))) {
                differences.put(id, "expected " + summary + " but raised " + raised.get(id));
            }
        });
        raised.forEach((id, summary) -> differences.putIfAbsent(id, expected.containsKey(id) ? null
                : "not expected, raised " + summary));
        differences.values().removeIf(java.util.Objects::isNull);
        assertThat(differences).as("%d of %d episodes differ", differences.size(), expected.size()).isEmpty();
    }

    /** The latest version of every alert, in the reference's form. */
    private static Map<String, String> latest(List<ConsumerRecord<String, Alert>> records) {
        Map<String, Alert> latest = new HashMap<>();
        for (ConsumerRecord<String, Alert> record : records) {
            latest.merge(record.key(), record.value(), (a, b) -> a.getVersion() >= b.getVersion() ? a : b);
        }
        Map<String, String> summaries = new TreeMap<>();
        latest.forEach((id, alert) -> summaries.put(id, ReferenceEpisodes.summary(alert)));
        return summaries;
    }

    private KafkaStreams start(Path stateDir) {
        Properties props = StreamsProperties.forApplication(prefix + "correlation", kafka);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(DeadLetterHandler.DLQ_TOPIC_CONFIG, topics.dlq());
        KafkaStreams streams = new KafkaStreams(new CorrelationTopology(RuleSettings.defaults(),
                SiteRegistry.defaults(), topics, CorrelationListener.NONE).build(), props);
        streams.start();
        return streams;
    }

    private <K, V> Topic<K, V> single(Topic<K, V> topic) {
        TopicSpec spec = topic.spec();
        return new Topic<>(prefix + topic.name(), topic.keySerde(), topic.valueSerde(),
                new TopicSpec(1, spec.retention(), spec.compacted(), spec.minInsyncReplicas()));
    }
}
