package io.waspada.testing;

import io.waspada.kafka.KafkaConnection;
import io.waspada.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Typed producers and readers for tests, built from a {@link Topic} so no test repeats a topic name or
 * picks the wrong serde. Producers are idempotent with {@code acks=all}; readers are {@code read_committed}.
 */
public final class TopicClients {

    private TopicClients() {
    }

    public static <K, V> KafkaProducer<K, V> producer(KafkaConnection kafka, Topic<K, V> topic) {
        return new KafkaProducer<>(kafka.with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0)),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    public static <K, V> KafkaConsumer<K, V> consumer(KafkaConnection kafka, Topic<K, V> topic) {
        KafkaConsumer<K, V> consumer = new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        consumer.subscribe(List.of(topic.name()));
        return consumer;
    }

    /**
     * Reads the topic from the beginning until {@code done} holds for what was read, or the deadline passes;
     * returns everything read. Callers assert on the result, so a timeout shows what did arrive.
     */
    public static <K, V> List<ConsumerRecord<K, V>> readUntil(KafkaConnection kafka, Topic<K, V> topic,
            Predicate<List<ConsumerRecord<K, V>>> done, Duration deadline) {
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        long end = System.nanoTime() + deadline.toNanos();
        try (KafkaConsumer<K, V> consumer = consumer(kafka, topic)) {
            while (!done.test(records) && System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    /** Reads until at least {@code count} records arrived (or the deadline passed). */
    public static <K, V> List<ConsumerRecord<K, V>> read(KafkaConnection kafka, Topic<K, V> topic, int count,
            Duration deadline) {
        return readUntil(kafka, topic, records -> records.size() >= count, deadline);
    }
}
