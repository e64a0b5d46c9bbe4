package io.waspada.notifier.it;

import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.Handling;
import io.waspada.avro.Severity;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.notifier.auth.DemoOfficers;
import io.waspada.testing.Fixtures;
import io.waspada.testing.TopicClients;
import io.waspada.topics.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import io.waspada.schemas.AvroSerde;
import java.util.ArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Alerts, tokens and lifecycle reads for the integration tests, against the real broker. */
public final class TestAlerts {

    private static KafkaProducer<String, Alert> producer;

    private TestAlerts() {
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Alert alert(String alertId, long version, String region, Severity severity, String subject,
            Handling handling) {
        Alert alert = Fixtures.alert(alertId, Fixtures.sighting("ev-" + alertId + "-" + version, Fixtures.passport(subject)));
        Map<String, String> labels = new HashMap<>(alert.getLabels());
        labels.put("region", region);
        labels.put("severity", severity.name());
        labels.put("subject", subject);
        labels.put("handling", handling.name());
        alert.setLabels(labels);
        alert.setSeverity(severity);
        alert.setHandling(handling);
        alert.setVersion(version);
        alert.setEventCount((int) version);
        alert.setUpdatedAt(Instant.now());
        return alert;
    }

    public static void send(Alert alert) {
        sendAndGet(alert);
    }

    /** Sends it and says where it went. */
    public static synchronized org.apache.kafka.clients.producer.RecordMetadata sendAndGet(Alert alert) {
        if (producer == null) {
            producer = TopicClients.producer(SharedKafka.connection(), Topics.ALERTS);
        }
        try {
            return producer.send(new ProducerRecord<>(Topics.ALERTS.name(), alert.getAlertId(), alert)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lifecycle events of one alert, read until {@code count} arrived or 20 s passed. */
    public static List<AlertLifecycleEvent> lifecycle(String alertId, int count) {
        List<AlertLifecycleEvent> events = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        // Read as bytes and decoded here: the topic holds a poison record (PoisonedTopics), which is not this alert's.
        AvroSerde<AlertLifecycleEvent> decoder = new AvroSerde<>(AlertLifecycleEvent.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(SharedKafka.connection().with(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                new StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            // The alert's events are all in the partition of its key.
            TopicPartition partition = new TopicPartition(Topics.ALERT_LIFECYCLE.name(),
                    Utils.toPositive(Utils.murmur2(alertId.getBytes(StandardCharsets.UTF_8)))
                            % Topics.ALERT_LIFECYCLE.spec().partitions());
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (events.size() < count && System.nanoTime() < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (alertId.equals(record.key())) {
                        events.add(decoder.deserialize(record.topic(), record.value()));
                    }
                }
            }
        }
        return events;
    }

    public static String token(String username, String taskForce, String... roles) {
        return DemoOfficers.token(privateKey(), username, taskForce, Set.of(roles), Duration.ofHours(1));
    }

    /** A token of the test issuer's key with a chosen lifetime (e.g. seconds, for expiry tests). */
    public static String token(Duration lifetime, String username, String taskForce, String... roles) {
        return DemoOfficers.token(privateKey(), username, taskForce, Set.of(roles), lifetime);
    }

    /** The test issuer's signing key. */
    public static PrivateKey privateKey() {
        try (InputStream in = TestAlerts.class.getClassLoader().getResourceAsStream("keys/test-private.pem")) {
            return DemoOfficers.readPrivateKey(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The alert as resting only on civil-society tips (#18): labelled {@code verification="required"}, graded X4. */
    public static Alert tipOnly(Alert alert) {
        Map<String, String> labels = new HashMap<>(alert.getLabels());
        labels.put(io.waspada.alerts.AlertLabels.VERIFICATION, io.waspada.alerts.AlertLabels.VERIFICATION_REQUIRED);
        alert.setLabels(labels);
        alert.setSourceReliability("X");
        alert.setInformationAccuracy(4);
        return alert;
    }
}
