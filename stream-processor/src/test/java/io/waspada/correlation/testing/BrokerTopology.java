package io.waspada.correlation.testing;

import io.waspada.avro.Alert;
import io.waspada.avro.Sighting;
import io.waspada.correlation.streams.CorrelationTopology;
import io.waspada.correlation.streams.DeadLetterHandler;
import io.waspada.correlation.streams.StreamTopics;
import io.waspada.correlation.streams.StreamsProperties;
import io.waspada.kafka.KafkaConnection;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topic;
import io.waspada.topics.TopicCreator;
import io.waspada.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The production correlation topology on the shared real broker, outside Quarkus, for the tests of what the broker
 * adds (transactions, restarts, several instances): the platform's topics under a fresh prefix, instances of one
 * application ({@code <prefix>correlation}) with the shipped Streams settings (exactly_once_v2), each on its own state
 * directory, the input written and the alerts read {@code read_committed}. Closing closes every instance still open.
 */
public final class BrokerTopology implements AutoCloseable {

    /** Streams does not leave the group on close: a short session lets a successor take over sooner. */
    public static final Map<String, Object> QUICK_TAKEOVER = Map.of(
            StreamsConfig.consumerPrefix("session.timeout.ms"), 10_000,
            StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 2_000);

    private final KafkaConnection kafka = SharedKafka.connection();
    private final String prefix;
    private final StreamTopics topics;
    private final List<KafkaStreams> started = new ArrayList<>();

    /** Creates the platform's topics under {@code <name>-<random>.}. */
    public BrokerTopology(String name) {
        this.prefix = name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        this.topics = StreamTopics.prefixed(prefix);
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            new TopicCreator(admin).create(List.of(sightings(), renamed(Topics.INTERCEPTIONS),
                    renamed(Topics.WATCHLIST), alerts(), renamed(Topics.DLQ), renamed(Topics.TOKEN_LINKS),
                    renamed(Topics.RULES)));
        }
    }

    public KafkaConnection kafka() {
        return kafka;
    }

    public StreamTopics topics() {
        return topics;
    }

    /** The application id (and consumer group) of every instance. */
    public String applicationId() {
        return prefix + "correlation";
    }

    public Topic<String, Sighting> sightings() {
        return renamed(Topics.SIGHTINGS);
    }

    public Topic<String, Alert> alerts() {
        return renamed(Topics.ALERTS);
    }

    /** A platform topic under this run's prefix, with its serdes and spec. */
    public <K, V> Topic<K, V> renamed(Topic<K, V> topic) {
        return new Topic<>(prefix + topic.name(), topic.keySerde(), topic.valueSerde(), topic.spec());
    }

    /** Starts an instance of the topology (shipped settings, then {@code overrides}) on {@code stateDir}. */
    public KafkaStreams start(CorrelationTopology topology, Path stateDir, Map<String, ?> overrides) {
        Properties props = StreamsProperties.forApplication(applicationId(), kafka);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(DeadLetterHandler.DLQ_TOPIC_CONFIG, topics.dlq());
        props.putAll(overrides);
        KafkaStreams streams = new KafkaStreams(topology.build(), props);
        started.add(streams);
        streams.start();
        return streams;
    }

    /** Whether the instance is RUNNING with at least one active task (it shares the partitions). */
    public static boolean runningWithTasks(KafkaStreams streams) {
        return streams.state() == KafkaStreams.State.RUNNING && streams.metadataForLocalThreads().stream()
                .anyMatch(thread -> !thread.activeTasks().isEmpty());
    }

    /** Writes the sightings (keyed by eventId, as the alert-producer does), acknowledged by the broker. */
    public void send(List<Sighting> events) {
        try (KafkaProducer<String, Sighting> producer = TopicClients.producer(kafka, sightings())) {
            for (Sighting event : events) {
                producer.send(new ProducerRecord<>(sightings().name(), event.getEventId(), event));
            }
        }
    }

    /** The committed alert versions from the beginning, read until {@code done} holds or the deadline passes. */
    public List<Alert> alertsUntil(Predicate<List<Alert>> done, Duration deadline) {
        return values(TopicClients.readUntil(kafka, alerts(), read -> done.test(values(read)), deadline));
    }

    private static List<Alert> values(List<ConsumerRecord<String, Alert>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    /**
     * Whether the application has committed past every record of its input (sightings) and repartition topics: every
     * event written so far has been correlated and its output committed.
     */
    public boolean drained() {
        String repartition = applicationId() + "-" + CorrelationTopology.REPARTITION + "-repartition";
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(sightings().name(), repartition)).allTopicNames().get().forEach((name, topic) ->
                    topic.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()),
                            OffsetSpec.latest())));
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(applicationId()).partitionsToOffsetAndMetadata().get();
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                // A transactionally written partition ends with a commit marker a caught-up consumer need not pass.
                long slack = end.getKey().topic().equals(repartition) ? 1 : 0;
                long needed = end.getValue().offset() - slack;
                OffsetAndMetadata at = committed.get(end.getKey());
                if (needed > 0 && (at == null || at.offset() < needed)) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false; // e.g. the repartition topic not created yet
        }
    }

    /** Closes every instance this fixture started that is still open (a closed one is closed again harmlessly). */
    @Override
    public void close() {
        for (KafkaStreams streams : started) {
            streams.close(Duration.ofSeconds(30));
        }
    }
}
