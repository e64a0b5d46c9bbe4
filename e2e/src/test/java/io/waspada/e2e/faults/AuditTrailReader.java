package io.waspada.e2e.faults;

import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.LifecycleAction;
import io.waspada.e2e.platform.Platform;
import io.waspada.schemas.AvroSerde;
import io.waspada.topics.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The audit trail as the fault tests read it: the whole lifecycle topic, read_committed, as the admin. */
final class AuditTrailReader {

    private AuditTrailReader() {
    }

    /** Hands every lifecycle event on the topic now to {@code each} (up to 20 s of reading). */
    static void read(Platform platform, Consumer<AlertLifecycleEvent> each) {
        AvroSerde<AlertLifecycleEvent> events = new AvroSerde<>(AlertLifecycleEvent.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(platform.connection().with(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERT_LIFECYCLE.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    each.accept(events.deserialize(record.topic(), record.value()));
                }
            }
        }
    }

    /** The alerts among {@code ids} whose ROUTED decision is on the audit trail. */
    static Set<String> routed(Platform platform, Collection<String> ids) {
        Set<String> wanted = Set.copyOf(ids);
        Set<String> found = new HashSet<>();
        read(platform, event -> {
            if (event.getAction() == LifecycleAction.ROUTED && wanted.contains(event.getAlertId())) {
                found.add(event.getAlertId());
            }
        });
        return found;
    }
}
