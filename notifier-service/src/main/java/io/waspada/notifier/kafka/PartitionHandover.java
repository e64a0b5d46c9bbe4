package io.waspada.notifier.kafka;

import java.util.Set;

/**
 * What happens when partitions of {@code tip.alerts.v1} change hands between notifier instances (the alert intake's
 * consumer group). Called on the intake's thread, with {@link PartitionOwnership} already updated.
 */
public interface PartitionHandover {

    /**
     * This instance pages and escalates the alerts of {@code partitions} (from when they were taken; called once the
     * intake has read them up to where they stood then, so the view holds what the previous owner decided): it resumes
     * what the previous owner left unsettled, except for {@code decidedHere}, alerts this instance decided since.
     */
    void taken(Set<Integer> partitions, Set<String> decidedHere);

    /** Another instance pages the alerts of {@code partitions} from now on: their pending pages are dropped here. */
    void released(Set<Integer> partitions);

    PartitionHandover NONE = new PartitionHandover() {
        @Override
        public void taken(Set<Integer> partitions, Set<String> decidedHere) {
        }

        @Override
        public void released(Set<Integer> partitions) {
        }
    };
}
