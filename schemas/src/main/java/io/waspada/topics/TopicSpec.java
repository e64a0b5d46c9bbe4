package io.waspada.topics;

import java.time.Duration;

/**
 * How a topic is created: partitions, retention (negative = forever), compaction, the wanted
 * {@code min.insync.replicas} (capped at the replication factor of the cluster it is created on), and
 * {@code segment} (null: the broker's default, 7 days): Kafka deletes whole closed segments only, so a topic whose
 * retention is a promise (the agencies' inboxes, the only topics with raw identifiers) rolls its segments that often.
 */
public record TopicSpec(int partitions, Duration retention, boolean compacted, int minInsyncReplicas, Duration segment) {

    public TopicSpec(int partitions, Duration retention, boolean compacted, int minInsyncReplicas) {
        this(partitions, retention, compacted, minInsyncReplicas, null);
    }

    public static TopicSpec deleteAfter(int partitions, Duration retention) {
        return new TopicSpec(partitions, retention, false, 2);
    }

    public static TopicSpec compacted(int partitions) {
        return new TopicSpec(partitions, Duration.ofMillis(-1), true, 2);
    }

    /** This spec with segments rolled every {@code every}, so nothing outlives the retention by more than that. */
    public TopicSpec rollingEvery(Duration every) {
        return new TopicSpec(partitions, retention, compacted, minInsyncReplicas, every);
    }

    public long retentionMs() {
        return retention.isNegative() ? -1 : retention.toMillis();
    }
}
