package io.waspada.e2e.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Reading metric names out of PromQL and out of a Prometheus exposition. */
class DashboardQueriesTest {

    @Test
    void findsTheMetricsOfAQueryAndNothingElse() {
        assertThat(DashboardQueries.metricNames(
                "sum by (agency, outcome) (rate(waspada_ingest_events_total{outcome!~\"accepted|dup(x)\"}[5m])) * 60"))
                .containsExactly("waspada_ingest_events_total");
        assertThat(DashboardQueries.metricNames(
                "histogram_quantile(0.95, sum by (le) (rate(waspada_notifier_ack_latency_seconds_bucket[15m])))"))
                .containsExactly("waspada_notifier_ack_latency_seconds_bucket");
        assertThat(DashboardQueries.metricNames("waspada_dlq_depth + on (topic) waspada_consumer_lag offset 5m"))
                .containsExactly("waspada_consumer_lag", "waspada_dlq_depth");
        assertThat(DashboardQueries.metricNames("up{job=\"waspada\"}")).containsExactly("up");
    }

    @Test
    void readsExportedNamesFromTheExposition() {
        String exposition = """
                # HELP waspada_dlq_depth Messages in a dead-letter topic
                # TYPE waspada_dlq_depth gauge
                waspada_dlq_depth{topic="tip.dlq.v1"} 0.0
                jvm_threads_live_threads 42.0
                """;
        assertThat(DashboardQueries.exported(exposition)).containsExactly("jvm_threads_live_threads", "waspada_dlq_depth");
    }

    @Test
    void theShippedDashboardHasQueriesForEveryFigureTheOpsViewShows() throws Exception {
        var expressions = DashboardQueries.expressions(DashboardQueries.SHIPPED);
        String all = String.join("\n", expressions);
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(10);
        assertThat(all).contains("waspada_ingest_events_total", "waspada_alerts_emitted_total",
                "waspada_consumer_group_lag", "waspada_dlq_depth", "waspada_late_events_total",
                "waspada_notifier_lifecycle_total", "waspada_notifier_ack_latency_seconds_bucket",
                "waspada_topic_messages_per_second");
    }

    @Test
    void theShippedDashboardShowsTheBrokersAndTheConsumersLagFromMetricsTheNotifierDoesNotMake() throws Exception {
        Set<String> read = new TreeSet<>();
        DashboardQueries.expressions(DashboardQueries.SHIPPED).forEach(e -> read.addAll(DashboardQueries.metricNames(e)));
        // The stream-processor's cluster watch and every service's own Kafka client metrics: there when the notifier
        // is down. The notifier's ops-sampler lag (waspada_consumer_lag) is no longer what the lag panel shows.
        assertThat(read).contains("waspada_consumer_group_lag", "waspada_kafka_brokers",
                "waspada_kafka_under_replicated_partitions", "waspada_kafka_offline_partitions", "waspada_kafka_admin_up",
                "kafka_consumer_fetch_manager_records_lag_max").doesNotContain("waspada_consumer_lag");
        assertThat(DashboardQueries.metricNames("max by (service) (kafka_consumer_fetch_manager_records_lag_max)"))
                .containsExactly("kafka_consumer_fetch_manager_records_lag_max");
    }
}
