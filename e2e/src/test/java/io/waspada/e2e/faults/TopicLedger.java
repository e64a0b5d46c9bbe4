package io.waspada.e2e.faults;

import io.waspada.avro.Alert;
import io.waspada.avro.EvidenceRef;
import io.waspada.kafka.KafkaConnection;
import io.waspada.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the topics hold, read from the beginning to the end as a {@code read_committed} consumer sees it: how often
 * each eventId was written to the event topics; per alert its type and the evidence of all its versions; and the
 * (alertId, version) pairs committed more than once. Per alert, not per version: a hot key makes 100,000 versions of
 * one alert, each naming up to 100 events, which kept one by one filled the suite's heap. Values are read as bytes and
 * decoded one by one, so a poison record planted by a fault is counted, not fatal.
 */
final class TopicLedger {

    /** One alert: its id, its type and the evidence of all its versions. */
    record AlertEvidence(String alertId, String type, Set<String> evidence) {
    }

    private final Map<String, Integer> eventWrites = new HashMap<>();
    private final Map<String, AlertEvidence> alerts = new HashMap<>();
    private final Set<String> versions = new HashSet<>();
    private final Set<String> duplicateVersions = new HashSet<>();
    private int undecodable;

    private TopicLedger() {
    }

    static TopicLedger read(KafkaConnection kafka) {
        TopicLedger ledger = new TopicLedger();
        readTopic(kafka, Topics.SIGHTINGS.name(), record -> ledger.eventWrites.merge(key(record), 1, Integer::sum));
        readTopic(kafka, Topics.INTERCEPTIONS.name(), record -> ledger.eventWrites.merge(key(record), 1, Integer::sum));
        readTopic(kafka, Topics.ALERTS.name(), record -> {
            try {
                Alert alert = Topics.ALERTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
                AlertEvidence known = ledger.alerts.computeIfAbsent(alert.getAlertId(), id -> new AlertEvidence(id,
                        alert.getType().toString(), new HashSet<>()));
                for (EvidenceRef ref : alert.getEvidence()) {
                    known.evidence().add(ref.getEventId());
                }
                String pair = alert.getAlertId() + ":" + alert.getVersion();
                if (!ledger.versions.add(pair)) {
                    ledger.duplicateVersions.add(pair);
                }
            } catch (RuntimeException e) {
                ledger.undecodable++;
            }
        });
        return ledger;
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? "" : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void readTopic(KafkaConnection kafka, String topic,
            java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(topic + " not read to its end within 3 minutes");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }

    /** How many times {@code eventId} is on the event topics. */
    int writes(String eventId) {
        return eventWrites.getOrDefault(eventId, 0);
    }

    java.util.Collection<AlertEvidence> alerts() {
        return alerts.values();
    }

    /** Distinct alert ids. */
    Set<String> alertIds() {
        return new HashSet<>(alerts.keySet());
    }

    /** (alertId, version) pairs committed more than once: an alert duplicated by a restart or a replay. */
    Set<String> duplicateVersions() {
        return new HashSet<>(duplicateVersions);
    }

    /** Alert records that did not decode (a poison record planted on the alerts topic). */
    int undecodable() {
        return undecodable;
    }
}
