package io.waspada.notifier.kafka;

import java.util.Set;

/**
 * What happens when partitions of {@code tip.alerts.v1} change hands between notifier instances (the alert intake's
 * consumer group). Called on the intake's thread, with {@link PartitionOwnership} already updated.
 */
public interface PartitionHandover {

    /**
     * This instance pages and escalates the alerts of {@code partitions} from now on: it resumes what their previous
     * owner left unsettled. The local audit trail holds what was written before the partitions were taken.
     */
    void taken(Set<Integer> partitions);

    /** Another instance pages the alerts of {@code partitions} from now on: their pending pages are dropped here. */
    void released(Set<Integer> partitions);

    PartitionHandover NONE = new PartitionHandover() {
        @Override
        public void taken(Set<Integer> partitions) {
        }

        @Override
        public void released(Set<Integer> partitions) {
        }
    };
}
