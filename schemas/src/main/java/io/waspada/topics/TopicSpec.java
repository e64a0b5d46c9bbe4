package io.waspada.topics;

import java.time.Duration;

/**
 * How a topic is created: partitions, retention (negative = forever), compaction, and the wanted
 * {@code min.insync.replicas} (capped at the replication factor of the cluster it is created on).
 */
public record TopicSpec(int partitions, Duration retention, boolean compacted, int minInsyncReplicas) {

    public static TopicSpec deleteAfter(int partitions, Duration retention) {
        return new TopicSpec(partitions, retention, false, 2);
    }

    public static TopicSpec compacted(int partitions) {
        return new TopicSpec(partitions, Duration.ofMillis(-1), true, 2);
    }

    public long retentionMs() {
        return retention.isNegative() ? -1 : retention.toMillis();
    }
}
