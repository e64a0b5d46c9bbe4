package io.waspada.correlation.streams;

import static io.waspada.correlation.testing.Events.ENTIKONG;
import static io.waspada.correlation.testing.Events.TEBEDU;
import static io.waspada.correlation.testing.Events.passport;
import static io.waspada.correlation.testing.Events.person;
import static io.waspada.correlation.testing.Events.sighting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waspada.avro.Alert;
import io.waspada.avro.EvidenceRef;
import io.waspada.avro.Location;
import io.waspada.avro.Sighting;
import io.waspada.correlation.config.RuleSettings;
import io.waspada.correlation.rulebook.RuleBook;
import io.waspada.correlation.rulebook.RuleMode;
import io.waspada.correlation.rulebook.RuleVersion;
import io.waspada.correlation.rulebook.RuleVersionWriter;
import io.waspada.kafka.KafkaConnection;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.sites.SiteRegistry;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topic;
import io.waspada.topics.TopicCreator;
import io.waspada.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule changed at runtime switches at one point in event time on every instance: two instances of the production
 * topology share the work on the real broker; versions of CROSS_BORDER_MOVEMENT are written to the rules topic while
 * events flow (threshold 2 to 3 from T1, back to 2 from T2, shadow from T3). Every key's alert follows the version in
 * force at its events' observedAt, whichever instance and partition handled it and whether the event arrived before
 * or after the version was read; nothing is lost or duplicated; the shadow version raises nothing and counts.
 */
@Timeout(240)
class RuleSwitchAcrossInstancesTest {

    private static final String RULE = "CROSS_BORDER_MOVEMENT";
    private static final int KEYS = 40;
    private static final Location HAT_YAI = new Location(7.0084, 100.4747, "TH", "SONGKHLA", null);

    private final KafkaConnection kafka = SharedKafka.connection();
    private final String prefix = "switch-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final StreamTopics topics = StreamTopics.prefixed(prefix);
    private final Topic<String, Sighting> sightings = renamed(Topics.SIGHTINGS);
    private final Topic<String, Alert> alerts = renamed(Topics.ALERTS);
    private final Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));
    /** Threshold 3 from here. */
    private final Instant t1 = base.plus(Duration.ofHours(10));
    /** Rolled back (threshold 2 again) from here. */
    private final Instant t2 = base.plus(Duration.ofHours(20));
    /** Shadow from here. */
    private final Instant t3 = base.plus(Duration.ofHours(30));
    /** token -> the eventIds of its expected alert's evidence. */
    private final Map<String, Set<String>> expected = new HashMap<>();
    private final Set<String> quiet = new HashSet<>();
    private final Set<String> shadowed = new HashSet<>();

    @Test
    void everyAlertFollowsTheVersionInForceAtItsEventsTimeOnBothInstances(@TempDir Path one, @TempDir Path two)
            throws Exception {
        createTopics();
        CorrelationTopology first = topology();
        CorrelationTopology second = topology();
        KafkaStreams a = start(first, one);
        KafkaStreams b = start(second, two);
        try (RuleVersionWriter rules = new RuleVersionWriter(kafka, topics.rules(), "switch-test")) {
            await().atMost(Duration.ofSeconds(90)).until(() -> a.state() == KafkaStreams.State.RUNNING
                    && b.state() == KafkaStreams.State.RUNNING && hasTasks(a) && hasTasks(b));
            List<Sighting> early = new ArrayList<>();
            List<Sighting> late = new ArrayList<>();
            scenario(early, late);

            send(early); // before any version: every first event under version 0
            version(rules, 1, "threshold: 3", RuleMode.ACTIVE, t1);
            version(rules, 2, "threshold: 2", RuleMode.ACTIVE, t2);
            version(rules, 3, "threshold: 2", RuleMode.SHADOW, t3);
            await().atMost(Duration.ofSeconds(30)).until(() -> first.ruleBook().has(RULE, 3)
                    && second.ruleBook().has(RULE, 3));
            send(late); // the second events, of every period, after both instances read the versions

            List<Alert> output = TopicClients.readUntil(kafka, alerts, read -> complete(values(read)),
                    Duration.ofSeconds(120)).stream().map(ConsumerRecord::value).toList();
            await().atMost(Duration.ofSeconds(60)).until(this::drained);
            List<Alert> all = TopicClients.readUntil(kafka, alerts, read -> read.size() >= output.size()
                    && drained(), Duration.ofSeconds(30)).stream().map(ConsumerRecord::value).toList();
            assertSwitched(all);
            long counted = first.ruleBook().shadowAlerts(RULE) + second.ruleBook().shadowAlerts(RULE);
            assertThat(counted).as("new alerts withheld in shadow mode, both instances together")
                    .isEqualTo(shadowed.size());
        } finally {
            a.close(Duration.ofSeconds(30));
            b.close(Duration.ofSeconds(30));
        }
    }

    /**
     * Per period (before T1: version 0; T1..T2: threshold 3; T2..T3: rolled back; after T3: shadow) KEYS passports,
     * each seen at Entikong (ID) then an hour later at Tebedu (MY): two countries. Under threshold 3 a third of them
     * are also seen at Hat Yai (TH), three countries. The first sighting of each is sent before the versions, the
     * others after; the order within each batch is shuffled.
     */
    private void scenario(List<Sighting> early, List<Sighting> late) {
        Instant[] periods = {base, t1, t2, t3};
        for (int p = 0; p < periods.length; p++) {
            for (int i = 0; i < KEYS; i++) {
                String token = "P" + p + "-" + i;
                Instant at = periods[p].plus(Duration.ofMinutes(2L * i + 1));
                boolean third = p == 1 && i % 3 == 0;
                List<String> ids = new ArrayList<>(List.of(token + "a", token + "b"));
                early.add(sighting(token + "a", "ID_IMIGRASI", at, ENTIKONG, person(passport(token))));
                late.add(sighting(token + "b", "IMMIGRATION", at.plus(Duration.ofHours(1)), TEBEDU,
                        person(passport(token))));
                if (third) {
                    ids.add(token + "c");
                    late.add(sighting(token + "c", "RMP", at.plus(Duration.ofHours(2)), HAT_YAI, person(passport(token))));
                }
                if (p == 3) {
                    shadowed.add(token);
                } else if (p == 1 && !third) {
                    quiet.add(token);
                } else {
                    expected.put(token, new TreeSet<>(ids));
                }
            }
        }
        Collections.shuffle(early, new Random(7));
        Collections.shuffle(late, new Random(11));
    }

    private void version(RuleVersionWriter rules, int version, String change, RuleMode mode, Instant from)
            throws Exception {
        rules.write(new RuleVersion(RULE, version, mode.wire(), from.toEpochMilli(),
                "rule: " + RULE + "\nwindow: 72h\n" + change + "\n", "test", System.currentTimeMillis(),
                "switch test", version - 1));
    }

    private boolean complete(List<Alert> output) {
        return expected.equals(latestEvidence(output));
    }

    private void assertSwitched(List<Alert> output) {
        Map<String, Set<String>> latest = latestEvidence(output);
        assertThat(latest).as("an alert for exactly the keys whose events' version makes the rule fire, at full "
                + "evidence (none under threshold 3 for two countries, none in shadow mode)").isEqualTo(expected);
        Set<String> versions = new HashSet<>();
        Map<String, Long> highest = new HashMap<>();
        for (Alert alert : output) {
            assertThat(versions.add(alert.getAlertId() + "#" + alert.getVersion()))
                    .as("version %d of %s published once", alert.getVersion(), alert.getAlertId()).isTrue();
            highest.merge(alert.getAlertId(), alert.getVersion(), Math::max);
        }
        highest.forEach((alertId, max) -> {
            for (long v = 1; v <= max; v++) {
                assertThat(versions).as("no gap in the versions of %s", alertId).contains(alertId + "#" + v);
            }
        });
    }

    /** The latest evidence of each token's CROSS_BORDER_MOVEMENT alert(s). */
    private static Map<String, Set<String>> latestEvidence(List<Alert> output) {
        Map<String, Alert> latest = new HashMap<>();
        for (Alert alert : output) {
            if (RULE.equals(String.valueOf(alert.getType()))) {
                latest.merge(alert.getAlertId(), alert, (x, y) -> x.getVersion() >= y.getVersion() ? x : y);
            }
        }
        Map<String, Set<String>> evidence = new HashMap<>();
        latest.values().forEach(alert -> evidence.computeIfAbsent(alert.getLabels().get("subject"),
                token -> new TreeSet<>()).addAll(alert.getEvidence().stream().map(EvidenceRef::getEventId).toList()));
        return evidence;
    }

    /** Whether the application has committed every input and repartition record there is. */
    private boolean drained() {
        String group = prefix + "correlation";
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            committed.keySet().forEach(partition -> ends.put(partition, OffsetSpec.latest()));
            var latest = admin.listOffsets(ends).all().get();
            return committed.keySet().stream().anyMatch(p -> p.topic().contains("by-correlation-key"))
                    && committed.entrySet().stream().allMatch(e -> e.getValue() != null
                            && e.getValue().offset() >= latest.get(e.getKey()).offset());
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean hasTasks(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream().anyMatch(thread -> !thread.activeTasks().isEmpty());
    }

    private static List<Alert> values(List<ConsumerRecord<String, Alert>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    private CorrelationTopology topology() {
        return new CorrelationTopology(RuleSettings.defaults(), SiteRegistry.defaults(), topics,
                CorrelationListener.NONE);
    }

    private KafkaStreams start(CorrelationTopology topology, Path stateDir) {
        Properties props = StreamsProperties.forApplication(prefix + "correlation", kafka);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(DeadLetterHandler.DLQ_TOPIC_CONFIG, topics.dlq());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        KafkaStreams streams = new KafkaStreams(topology.build(), props);
        streams.start();
        return streams;
    }

    private void send(List<Sighting> events) {
        try (KafkaProducer<String, Sighting> producer = TopicClients.producer(kafka, sightings)) {
            for (Sighting event : events) {
                producer.send(new ProducerRecord<>(sightings.name(), event.getEventId(), event));
            }
        }
    }

    private void createTopics() {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            new TopicCreator(admin).create(List.of(sightings, renamed(Topics.INTERCEPTIONS),
                    renamed(Topics.WATCHLIST), alerts, renamed(Topics.DLQ), renamed(Topics.TOKEN_LINKS),
                    renamed(Topics.RULES)));
        }
    }

    private <K, V> Topic<K, V> renamed(Topic<K, V> topic) {
        return new Topic<>(prefix + topic.name(), topic.keySerde(), topic.valueSerde(), topic.spec());
    }
}
