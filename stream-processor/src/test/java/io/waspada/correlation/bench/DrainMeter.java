package io.waspada.correlation.bench;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether a consumer group (a Streams application) has drained its input: its committed offsets have reached the
 * end of every input partition and of every other partition it commits (the repartition topic). Polls the broker's
 * view cheaply, so measuring does not steal the cores being measured.
 */
final class DrainMeter {

    private final Admin admin;

    DrainMeter(Admin admin) {
        this.admin = admin;
    }

    boolean drained(String group, Set<TopicPartition> inputs) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        if (!committed.keySet().containsAll(inputs)) {
            return false;
        }
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(committed.keySet().stream()
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get();
        for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
            // Transactionally written partitions (the repartition topic) end with a commit marker that a
            // caught-up consumer need not have committed past; plain input partitions must match exactly.
            long slack = inputs.contains(entry.getKey()) ? 0 : 1;
            if (entry.getValue() == null || entry.getValue().offset() < ends.get(entry.getKey()).offset() - slack) {
                return false;
            }
        }
        return true;
    }
}
