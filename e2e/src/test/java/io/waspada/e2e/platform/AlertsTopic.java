package io.waspada.e2e.platform;

import io.waspada.avro.Alert;
import io.waspada.kafka.KafkaConnection;
import io.waspada.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads every committed alert version on {@code tip.alerts.v1} ({@code read_committed}, from the beginning to the end). */
public final class AlertsTopic {

    private AlertsTopic() {
    }

    public static List<Alert> readAll(KafkaConnection kafka, Duration deadline) {
        try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                Topics.ALERTS.keySerde().deserializer(), Topics.ALERTS.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<Alert> alerts = new ArrayList<>();
            long end = System.nanoTime() + deadline.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > end) {
                    throw new IllegalStateException("tip.alerts.v1 not read to its end within " + deadline);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(record -> alerts.add(record.value()));
            }
            return alerts;
        }
    }
}
