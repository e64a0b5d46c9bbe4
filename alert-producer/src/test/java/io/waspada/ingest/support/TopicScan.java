package io.waspada.ingest.support;

import io.waspada.kafka.local.SharedKafka;
import io.waspada.schemas.AvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import io.waspada.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a whole topic of the shared test broker up to its end offsets at the time of the call (read_committed),
 * so "nothing was written" can be asserted without waiting for a timeout. Values decode with {@link AvroSerde}.
 */
public final class TopicScan {

    private TopicScan() {
    }

    public static <V extends SpecificRecord> List<ConsumerRecord<String, V>> all(Topic<String, V> topic) {
        @SuppressWarnings("unchecked")
        Class<V> type = (Class<V>) ((AvroSerde<V>) topic.valueSerde()).type();
        return all(topic.name(), new StringDeserializer(), new AvroSerde<>(type));
    }

    /** Waits up to 30 s for the record keyed {@code key} on {@code topic}, which must be there exactly once; its value. */
    public static <V extends SpecificRecord> V awaitOne(Topic<String, V> topic, String key) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<V> found = all(topic).stream().filter(r -> key.equals(r.key())).map(ConsumerRecord::value).toList();
            if (found.size() > 1) {
                throw new AssertionError(key + " is on " + topic + " " + found.size() + " times");
            }
            if (!found.isEmpty()) {
                return found.get(0);
            }
        }
        throw new AssertionError(key + " not on " + topic + " in 30 s");
    }

    /** The raw bytes of every record (keys and values). */
    public static List<ConsumerRecord<byte[], byte[]>> raw(Topic<?, ?> topic) {
        return all(topic.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static <K, V> List<ConsumerRecord<K, V>> all(String topic, Deserializer<K> keys, Deserializer<V> values) {
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(SharedKafka.connection().with(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)), keys, values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end in 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
