package io.waspada.notifier.ops;

import io.waspada.kafka.ClientTimeouts;
import io.waspada.kafka.KafkaConnection;
import io.waspada.notifier.ops.OpsOverview.DeadLetterReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The latest records of a dead-letter topic in, their reasons out, newest first: read from each partition's last
 * {@code count} records ({@code read_committed}, no group, nothing committed) and described by their
 * {@code waspada.dlq.*} headers (reason, source topic/partition/offset, message or detail). Re-read only when the
 * topic's end offsets moved. One thread only.
 */
final class DlqTail implements AutoCloseable {

    static final String HEADER = "waspada.dlq.";

    private final String topic;
    private final int count;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private Map<TopicPartition, Long> readUpTo = Map.of();
    private List<DeadLetterReason> latest = List.of();

    DlqTail(KafkaConnection kafka, String topic, int count) {
        this.topic = topic;
        this.count = count;
        this.consumer = new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "notifier-ops-dlq")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The latest reasons, given the current earliest and end offsets (from the same sample; other topics ignored). */
    List<DeadLetterReason> latest(Map<TopicPartition, Long> earliest, Map<TopicPartition, Long> allEnds, Duration timeout) {
        Map<TopicPartition, Long> ends = allEnds.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (ends.equals(readUpTo)) {
            return latest;
        }
        List<TopicPartition> partitions = List.copyOf(ends.keySet());
        consumer.assign(partitions);
        partitions.forEach(tp -> consumer.seek(tp, Math.max(earliest.getOrDefault(tp, 0L), ends.get(tp) - count)));
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        }
        latest = records.stream().sorted(Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.timestamp())
                .reversed()).limit(count).map(DlqTail::reason).toList();
        readUpTo = Map.copyOf(ends);
        return latest;
    }

    static DeadLetterReason reason(ConsumerRecord<byte[], byte[]> record) {
        String source = header(record, "topic");
        if (source != null) {
            source += "-" + header(record, "partition") + "@" + header(record, "offset");
        }
        String detail = header(record, "message") != null ? header(record, "message") : header(record, "detail");
        if (header(record, "exception") != null) {
            detail = header(record, "exception") + (detail == null ? "" : ": " + detail);
        }
        String reason = header(record, "reason");
        return new DeadLetterReason(Instant.ofEpochMilli(record.timestamp()), reason == null ? "UNKNOWN" : reason,
                source, detail);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(HEADER + name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close(ClientTimeouts.CLOSE);
    }
}
