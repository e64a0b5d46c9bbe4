package io.waspada.notifier.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Rates, lag and held messages from offsets: summed over partitions, never negative. */
class OffsetArithmeticTest {

    private static final TopicPartition A0 = new TopicPartition("a", 0);
    private static final TopicPartition A1 = new TopicPartition("a", 1);
    private static final TopicPartition B0 = new TopicPartition("b", 0);

    @Test
    void rateIsTheEndOffsetsMovementSummedOverPartitionsPerSecond() {
        Map<String, Double> rates = OffsetArithmetic.ratesPerTopic(Map.of(A0, 100L, A1, 50L, B0, 7L),
                Map.of(A0, 130L, A1, 60L, B0, 7L), Duration.ofSeconds(2));
        assertThat(rates.get("a")).isCloseTo(20.0, within(1e-9));
        assertThat(rates.get("b")).isZero();
    }

    @Test
    void aNewPartitionOrAnOffsetThatWentBackCountsAsNoMovement() {
        Map<String, Double> rates = OffsetArithmetic.ratesPerTopic(Map.of(A0, 100L),
                Map.of(A0, 10L, A1, 500L), Duration.ofSeconds(1));
        assertThat(rates).containsEntry("a", 0.0);
    }

    @Test
    void noElapsedTimeGivesZeroNotInfinity() {
        assertThat(OffsetArithmetic.ratesPerTopic(Map.of(A0, 1L), Map.of(A0, 5L), Duration.ZERO)).containsEntry("a", 0.0);
    }

    @Test
    void lagIsEndMinusCommittedSummedPerTopicAndNeverNegative() {
        Map<String, Long> lag = OffsetArithmetic.lagPerTopic(Map.of(A0, 90L, A1, 60L, B0, 12L),
                Map.of(A0, 100L, A1, 75L, B0, 10L));
        assertThat(lag).containsEntry("a", 25L).containsEntry("b", 0L);
    }

    @Test
    void aCommittedPartitionWithoutAKnownEndIsLeftOut() {
        assertThat(OffsetArithmetic.lagPerTopic(Map.of(A0, 5L, B0, 3L), Map.of(A0, 8L))).containsOnlyKeys("a");
    }

    @Test
    void heldMessagesAreEndMinusEarliest() {
        assertThat(OffsetArithmetic.heldPerTopic(Map.of(A0, 10L, A1, 0L), Map.of(A0, 15L, A1, 4L, B0, 3L)))
                .containsEntry("a", 9L).containsEntry("b", 3L);
    }
}
