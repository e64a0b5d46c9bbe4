package io.waspada.notifier.it;

import io.waspada.kafka.local.SharedKafka;
import io.waspada.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One record that does not decode on every topic the notifier reads into a typed view, written before the notifier
 * starts (by {@link NotifierTestResource}), so every notifier test runs with them there. Remembers where each went.
 */
public final class PoisonedTopics {

    /** The topics the notifier decodes (tip.dlq.v1 it reads as bytes: nothing there fails to decode). */
    public static final List<String> TOPICS = List.of(Topics.ALERTS.name(), Topics.ALERT_LIFECYCLE.name(),
            Topics.SILENCES.name(), Topics.DELIVERY_DLQ.name());
    /** As the issue tried it on the lifecycle topic: 15 bytes of text. */
    public static final byte[] POISON = "not an avro rec".getBytes(StandardCharsets.US_ASCII);

    private static final Map<String, String> PLANTED = new LinkedHashMap<>();

    private PoisonedTopics() {
    }

    /** Writes the poison to each topic (once per JVM). */
    static synchronized void plant() {
        if (!PLANTED.isEmpty()) {
            return;
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(SharedKafka.connection().with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all")), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String topic : TOPICS) {
                RecordMetadata at = producer.send(new ProducerRecord<>(topic,
                        "poison".getBytes(StandardCharsets.UTF_8), POISON)).get();
                PLANTED.put(topic, topic + "-" + at.partition() + "@" + at.offset());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("poison not planted", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** topic to {@code topic-partition@offset} of its poison record. */
    public static synchronized Map<String, String> planted() {
        return Map.copyOf(PLANTED);
    }
}
