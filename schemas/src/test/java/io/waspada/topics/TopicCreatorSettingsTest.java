package io.waspada.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TopicCreatorSettingsTest {

    @Test
    void theRequiredReplicationComesFromTheEnvironmentAndBadValuesAreNamed() {
        assertThat(TopicCreator.replication(Map.of())).isEmpty();
        assertThat(TopicCreator.replication(Map.of("WASPADA_REPLICATION_FACTOR", " 3 "))).isEqualTo(OptionalInt.of(3));
        assertThatThrownBy(() -> TopicCreator.replication(Map.of("WASPADA_REPLICATION_FACTOR", "three")))
                .hasMessageContaining("WASPADA_REPLICATION_FACTOR must be a positive number, not 'three'");
        assertThatThrownBy(() -> TopicCreator.replication(Map.of("WASPADA_REPLICATION_FACTOR", "0")))
                .hasMessageContaining("WASPADA_REPLICATION_FACTOR");
    }

    @Test
    void oneReplicaMayBeDownWithoutRefusingWrites() {
        TopicSpec spec = TopicSpec.deleteAfter(6, Duration.ofDays(1));
        assertThat(TopicDrift.minInsyncReplicas(spec, 1)).isEqualTo(1);
        assertThat(TopicDrift.minInsyncReplicas(spec, 2)).isEqualTo(1);
        assertThat(TopicDrift.minInsyncReplicas(spec, 3)).isEqualTo(2);
        assertThat(TopicDrift.minInsyncReplicas(spec, 5)).isEqualTo(2);
    }
}
