package io.waspada.e2e.platform;

import io.waspada.kafka.KafkaConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The lag of a consumer group as Kafka's tools report it: the end offsets of the partitions it has committed
 * minus its committed offsets, summed. A Streams application's group includes its repartition topics.
 */
public final class ConsumerLag implements AutoCloseable {

    private final Admin admin;

    public ConsumerLag(KafkaConnection kafka) {
        this.admin = Admin.create(kafka.clientConfig());
    }

    /** The group's total lag, or -1 while it has committed nothing. */
    public long of(String group) {
        return of(group, List.of());
    }

    /**
     * The group's total lag, counting every partition of {@code inputTopics} it has not committed yet as lagging by
     * its whole content (so a record on a partition the group never reached is not missed); -1 while it has
     * committed nothing.
     */
    public long of(String group, List<String> inputTopics) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            committed.values().removeIf(java.util.Objects::isNull);
            if (committed.isEmpty()) {
                return -1;
            }
            for (var topic : admin.describeTopics(inputTopics).allTopicNames().get().values()) {
                topic.partitions().forEach(p -> committed.putIfAbsent(new TopicPartition(topic.name(), p.partition()),
                        new OffsetAndMetadata(0)));
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            long lag = 0;
            for (var entry : committed.entrySet()) {
                lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
            }
            return lag;
        } catch (ExecutionException e) {
            throw new IllegalStateException("lag of " + group + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
