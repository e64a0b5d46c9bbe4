package io.waspada.notifier.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/** An instance owns an alert exactly when it holds the partition the producer put the alert in. */
class PartitionOwnershipTest {

    @Test
    void theOwnedPartitionIsTheOneTheProducerChoseForTheKey() {
        for (int i = 0; i < 2_000; i++) {
            String alertId = UUID.randomUUID().toString();
            assertThat(PartitionOwnership.partitionOf(alertId, 6))
                    .isEqualTo(BuiltInPartitioner.partitionForKey(alertId.getBytes(StandardCharsets.UTF_8), 6));
        }
    }

    @Test
    void anInstanceOwnsTheAlertsOfThePartitionsItHoldsAndNoOthers() {
        PartitionOwnership ownership = new PartitionOwnership();
        String alertId = "alert-1";
        int partition = PartitionOwnership.partitionOf(alertId, 6);
        assertThat(ownership.owns(alertId)).isFalse(); // holds nothing before the intake starts
        ownership.held(Set.of(partition), 6);
        assertThat(ownership.owns(alertId)).isTrue();
        ownership.held(Set.of((partition + 1) % 6), 6);
        assertThat(ownership.owns(alertId)).isFalse();
        assertThat(PartitionOwnership.all(6).owns(alertId)).isTrue();
    }
}
