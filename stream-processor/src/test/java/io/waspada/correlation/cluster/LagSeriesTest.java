package io.waspada.correlation.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.correlation.cluster.ClusterSample.GroupTopic;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which {@code waspada_consumer_group_lag} series the cluster watch publishes after a look, and with what value. */
class LagSeriesTest {

    private static final GroupTopic CORRELATOR = GroupTopic.parse("waspada-correlation:tip.sightings.v1");
    private static final GroupTopic DELIVERY = new GroupTopic("notifier-service-delivery", "tip.alerts.v1");
    private static final GroupTopic TAIL = new GroupTopic("ops-tail", "tip.dlq.v1");

    @Test
    void theExpectedSeriesAreUnknownBeforeTheFirstLookAndZeroUntilTheirGroupShowsUp() {
        assertThat(ClusterWatch.lagValues(List.of(CORRELATOR), Set.of(), ClusterSample.NOT_YET))
                .containsExactly(Map.entry(CORRELATOR, Double.NaN));
        assertThat(ClusterWatch.lagValues(List.of(CORRELATOR, DELIVERY), Set.of(), sample(Map.of(DELIVERY, 12L), true)))
                .containsExactly(Map.entry(CORRELATOR, 0.0), Map.entry(DELIVERY, 12.0));
    }

    @Test
    void aGroupThatVanishesIsDroppedButOneThatCouldNotBeReadIsUnknown() {
        Set<GroupTopic> published = Set.of(CORRELATOR, TAIL);
        assertThat(ClusterWatch.lagValues(List.of(CORRELATOR), published, sample(Map.of(CORRELATOR, 3L), true)))
                .containsExactly(Map.entry(CORRELATOR, 3.0));
        assertThat(ClusterWatch.lagValues(List.of(CORRELATOR), published, sample(Map.of(CORRELATOR, 3L), false)))
                .containsOnly(Map.entry(CORRELATOR, 3.0), Map.entry(TAIL, Double.NaN));
        assertThat(ClusterWatch.lagValues(List.of(CORRELATOR), published, ClusterSample.unreachable(List.of("down"))))
                .containsOnly(Map.entry(CORRELATOR, Double.NaN), Map.entry(TAIL, Double.NaN));
    }

    private static ClusterSample sample(Map<GroupTopic, Long> lag, boolean complete) {
        return new ClusterSample(true, 3, 0, 0, lag, complete, complete ? List.of() : List.of("committed offsets of x"));
    }
}
