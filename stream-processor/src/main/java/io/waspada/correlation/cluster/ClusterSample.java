package io.waspada.correlation.cluster;

import java.util.List;
import java.util.Map;

/**
 * What one look at the Kafka cluster saw, as the cluster watch's gauges publish it. A figure the cluster did not
 * answer is {@code NaN} (unknown), never a made-up zero: an alert rule comparing it stays silent and
 * {@code waspada_kafka_admin_up} says why. {@code lagComplete} is false when some group's lag could not be read, so
 * the lags missing from {@code lag} are unknown rather than gone.
 *
 * @param reached whether the cluster answered at all (its brokers were described)
 * @param brokers brokers the cluster reports alive
 * @param underReplicated partitions of the platform's topics with fewer in-sync replicas than replicas
 * @param offline partitions of the platform's topics without a leader
 * @param lag per consumer group and topic: end offset ({@code read_committed}) minus committed offset, summed over
 *        the partitions the group committed on
 * @param problems what the cluster did not answer, for the log
 */
record ClusterSample(boolean reached, double brokers, double underReplicated, double offline,
        Map<GroupTopic, Long> lag, boolean lagComplete, List<String> problems) {

    ClusterSample {
        lag = Map.copyOf(lag);
        problems = List.copyOf(problems);
    }

    /** Before the first look: nothing is known yet. */
    static final ClusterSample NOT_YET = new ClusterSample(false, Double.NaN, Double.NaN, Double.NaN, Map.of(), false,
            List.of());

    /** The cluster did not answer (brokers down or unreachable, or this principal refused). */
    static ClusterSample unreachable(List<String> problems) {
        return new ClusterSample(false, Double.NaN, Double.NaN, Double.NaN, Map.of(), false, problems);
    }

    /** A consumer group and one topic it reads: one {@code waspada_consumer_group_lag} series. */
    record GroupTopic(String group, String topic) {

        /** {@code group:topic} as in {@code waspada.cluster.lag-series} (the topic is after the last colon). */
        static GroupTopic parse(String series) {
            int colon = series.lastIndexOf(':');
            if (colon <= 0 || colon == series.length() - 1) {
                throw new IllegalArgumentException("not group:topic: " + series);
            }
            return new GroupTopic(series.substring(0, colon), series.substring(colon + 1));
        }
    }
}
