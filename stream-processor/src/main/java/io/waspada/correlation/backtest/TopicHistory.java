package io.waspada.correlation.backtest;

import io.waspada.kafka.KafkaConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The records of some topics between two times, as they are on the broker: read {@code read_committed} without a
 * consumer group (nothing committed, nothing joined, the live consumers untouched), from the first offset at or after
 * {@code from} (by record timestamp) up to the end offsets taken when the read starts (records written meanwhile are
 * not read, so the read ends). The records of all the partitions of all the topics are handed on merged by record
 * timestamp (each partition in offset order), as the live topology would roughly have interleaved them: so no
 * partition runs a day ahead of another and makes the other's events look late.
 */
final class TopicHistory {

    /** How many records a read has handed on, of how many it will. */
    interface Progress {
        void at(long read, long total);
    }

    private final KafkaConnection kafka;

    TopicHistory(KafkaConnection kafka) {
        this.kafka = kafka;
    }

    /**
     * Hands every record of {@code topics} with a timestamp in [{@code from}, {@code to}) to {@code sink}, merged by
     * timestamp; {@code from} null: from the beginning. Returns how many it handed on.
     */
    long read(List<String> topics, Instant from, Instant to, Consumer<ConsumerRecord<byte[], byte[]>> sink,
            Progress progress) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.CLIENT_ID_CONFIG, "waspada-backtest")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                var infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalArgumentException("no topic " + topic + " (or no right to read it)");
                }
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> start = start(consumer, partitions, from, end);
            long total = 0;
            Map<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> buffered = new HashMap<>();
            List<TopicPartition> open = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, start.get(tp));
                total += end.get(tp) - start.get(tp);
                if (start.get(tp) < end.get(tp)) {
                    open.add(tp);
                    buffered.put(tp, new ArrayDeque<>());
                }
            }
            long handed = 0;
            long seen = 0;
            long nextReport = 0;
            long toMs = to == null ? Long.MAX_VALUE : to.toEpochMilli();
            while (!open.isEmpty()) {
                // Read until every open partition has a record buffered (or has reached its end).
                boolean waiting = open.stream().anyMatch(tp -> buffered.get(tp).isEmpty());
                if (waiting) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                        if (record.offset() < end.get(tp)) {
                            buffered.get(tp).add(record);
                        }
                    }
                    // A partition whose remaining offsets are aborted transactions or markers ends without records.
                    open.removeIf(tp -> buffered.get(tp).isEmpty() && consumer.position(tp) >= end.get(tp));
                    // Partitions with records enough are paused, so a poll fills the ones still empty.
                    List<TopicPartition> full = new ArrayList<>();
                    List<TopicPartition> empty = new ArrayList<>();
                    for (TopicPartition tp : buffered.keySet()) {
                        (buffered.get(tp).size() >= 2000 ? full : empty).add(tp);
                    }
                    consumer.pause(full);
                    consumer.resume(empty);
                    continue;
                }
                TopicPartition earliest = null;
                for (TopicPartition tp : open) {
                    if (earliest == null
                            || buffered.get(tp).peek().timestamp() < buffered.get(earliest).peek().timestamp()) {
                        earliest = tp;
                    }
                }
                ConsumerRecord<byte[], byte[]> record = buffered.get(earliest).poll();
                seen++;
                if (record.timestamp() < toMs) {
                    sink.accept(record);
                    handed++;
                }
                if (buffered.get(earliest).isEmpty() && record.offset() + 1 >= end.get(earliest)) {
                    open.remove(earliest);
                }
                if (seen >= nextReport) {
                    progress.at(seen, total);
                    nextReport = seen + 50_000;
                }
            }
            progress.at(seen, total);
            return handed;
        }
    }

    private static Map<TopicPartition, Long> start(KafkaConsumer<byte[], byte[]> consumer,
            List<TopicPartition> partitions, Instant from, Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> start = new HashMap<>(consumer.beginningOffsets(partitions));
        if (from == null) {
            return start;
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, Duration.ofSeconds(30));
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp at = found.get(tp);
            start.put(tp, at == null ? end.get(tp) : Math.max(start.get(tp), at.offset()));
        }
        return start;
    }
}
