package io.waspada.notifier.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;

/**
 * Which alerts this instance pages and escalates: those whose key falls in a partition of {@code tip.alerts.v1} its
 * alert intake holds (Kafka's own partitioning of a keyed record: murmur2 of the key, modulo the partition count). One
 * instance holds every partition; with several, each page and each escalation is done by one of them. Other
 * instances' work reaches this one's view through the audit trail.
 */
@ApplicationScoped
public class PartitionOwnership {

    private volatile Set<Integer> owned = Set.of();
    private volatile int partitions = 1;

    /** The intake now holds {@code owned} of {@code partitions}. */
    public void held(Set<Integer> owned, int partitions) {
        this.owned = Set.copyOf(owned);
        this.partitions = partitions;
    }

    /** Whether this instance pages and escalates the alert. */
    public boolean owns(String alertId) {
        return owned.contains(partitionOf(alertId, partitions));
    }

    /** The partition of {@code tip.alerts.v1} the alert's versions are in. */
    public int partitionOf(String alertId) {
        return partitionOf(alertId, partitions);
    }

    public Set<Integer> owned() {
        return owned;
    }

    /** The partition a record keyed {@code alertId} goes to among {@code partitions}, as the producer chooses it. */
    public static int partitionOf(String alertId, int partitions) {
        return Utils.toPositive(Utils.murmur2(alertId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** Holding every one of {@code partitions} (one instance; tests). */
    public static PartitionOwnership all(int partitions) {
        PartitionOwnership ownership = new PartitionOwnership();
        ownership.held(java.util.stream.IntStream.range(0, partitions).boxed().collect(
                java.util.stream.Collectors.toSet()), partitions);
        return ownership;
    }
}
