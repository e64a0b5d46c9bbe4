package io.waspada.notifier.ops;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Offsets in, per-topic figures out: message rates from two samples of end offsets, consumer lag from end and
 * committed offsets, messages held from earliest and end offsets. Pure arithmetic: never negative, a partition
 * missing from one side counts as no change.
 */
public final class OffsetArithmetic {

    private OffsetArithmetic() {
    }

    /**
     * Messages per second per topic between two samples {@code elapsed} apart: the sum over its partitions of how far
     * the end offset moved. A partition whose offset went back (topic re-created) or that is new counts as zero.
     */
    public static Map<String, Double> ratesPerTopic(Map<TopicPartition, Long> before, Map<TopicPartition, Long> after,
            Duration elapsed) {
        Map<String, Double> rates = new TreeMap<>();
        double seconds = elapsed.toNanos() / 1e9;
        after.forEach((tp, end) -> {
            Long start = before.get(tp);
            long moved = start == null ? 0 : Math.max(0, end - start);
            rates.merge(tp.topic(), seconds > 0 ? moved / seconds : 0.0, Double::sum);
        });
        return rates;
    }

    /**
     * Lag per topic of one group: the sum over the partitions it committed on of end offset minus committed offset
     * (never negative; a partition without a known end offset is left out).
     */
    public static Map<String, Long> lagPerTopic(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {
        Map<String, Long> lag = new TreeMap<>();
        committed.forEach((tp, offset) -> {
            Long end = ends.get(tp);
            if (end != null) {
                lag.merge(tp.topic(), Math.max(0, end - offset), Long::sum);
            }
        });
        return lag;
    }

    /** Messages held per topic: the sum over its partitions of end offset minus earliest offset. */
    public static Map<String, Long> heldPerTopic(Map<TopicPartition, Long> earliest, Map<TopicPartition, Long> ends) {
        Map<String, Long> held = new TreeMap<>();
        ends.forEach((tp, end) -> held.merge(tp.topic(), Math.max(0, end - earliest.getOrDefault(tp, 0L)), Long::sum));
        return held;
    }
}
