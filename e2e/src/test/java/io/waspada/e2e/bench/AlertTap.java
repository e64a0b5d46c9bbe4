package io.waspada.e2e.bench;

import io.waspada.avro.Alert;
import io.waspada.kafka.KafkaConnection;
import io.waspada.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Follows {@code tip.alerts.v1} as the notifier does ({@code read_committed}, from now on) and notes when each
 * alert version became visible to it: the moment the processor's transaction committed, give or take a poll.
 */
final class AlertTap implements LatencyReport.Visibility, AutoCloseable {

    private final KafkaConsumer<String, Alert> consumer;
    private final Map<String, Instant> visibleAt = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    AlertTap(KafkaConnection kafka) {
        consumer = new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-bench-tap-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                Topics.ALERTS.keySerde().deserializer(), Topics.ALERTS.valueSerde().deserializer());
        consumer.subscribe(List.of(Topics.ALERTS.name()));
        // Join the group and take positions at the end before the load starts.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (consumer.assignment().isEmpty()) {
            if (System.nanoTime() > deadline) {
                consumer.close();
                throw new IllegalStateException("alert tap not assigned " + Topics.ALERTS.name() + " within 60 s");
            }
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.assignment().forEach(consumer::position);
        thread = new Thread(this::follow, "alert-tap");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        try {
            while (running) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    visibleAt.putIfAbsent(key(record.value().getAlertId(), record.value().getVersion()), Instant.now());
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** When this alert version became visible to a read_committed consumer, or null if it was not seen. */
    @Override
    public Instant visibleAt(String alertId, long version) {
        return visibleAt.get(key(alertId, version));
    }

    private static String key(String alertId, long version) {
        return alertId + ":" + version;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
