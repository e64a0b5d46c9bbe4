package io.waspada.correlation.cluster;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.waspada.correlation.cluster.ClusterSample.GroupTopic;
import io.waspada.kafka.ClientTimeouts;
import io.waspada.kafka.KafkaConnection;
import io.waspada.topics.Topic;
import io.waspada.topics.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Watches the Kafka cluster from the stream-processor, so ops see the brokers and every consumer group's lag
 * whether or not the notifier (whose ops view also samples them) is up: the stream-processor must run for any alert to
 * be raised, so its view is there whenever alerting is. Every {@code waspada.cluster.sample-interval} (15 s) one
 * background thread takes a {@link ClusterSampler} look, as the service's own Kafka principal, and publishes:
 * <ul>
 * <li>{@code waspada_consumer_group_lag{group,topic}}: every group's lag; the {@code waspada.cluster.lag-series} exist
 * from the start (NaN until the first look, then 0 until their group shows up); a group that vanishes is dropped; a
 * lag that cannot be read is NaN;</li>
 * <li>{@code waspada_kafka_brokers}, {@code waspada_kafka_under_replicated_partitions},
 * {@code waspada_kafka_offline_partitions} (over the platform's topics);</li>
 * <li>{@code waspada_kafka_admin_up}: 1 when the last look reached the cluster, 0 when it did not (the other gauges
 * are then NaN: unknown), NaN before the first.</li>
 * </ul>
 * A failing look is logged (when what fails changes) and never affects correlation.
 */
@ApplicationScoped
public class ClusterWatch {

    private static final Logger LOG = Logger.getLogger(ClusterWatch.class);

    private final AtomicReference<ClusterSample> latest = new AtomicReference<>(ClusterSample.NOT_YET);
    private final Map<String, Object> kafkaConfig;
    private final Duration interval;
    private final Duration timeout;
    private final int maxGroups;
    private final List<GroupTopic> expected;
    private Set<GroupTopic> published = Set.of();
    private List<String> lastProblems = List.of();
    private MultiGauge lag;
    private ScheduledExecutorService thread;
    private Admin admin;

    @Inject
    public ClusterWatch(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "waspada.cluster.sample-interval", defaultValue = "PT15S") Duration interval,
            @ConfigProperty(name = "waspada.cluster.timeout", defaultValue = "PT5S") Duration timeout,
            @ConfigProperty(name = "waspada.cluster.max-groups", defaultValue = "50") int maxGroups,
            @ConfigProperty(name = "waspada.cluster.lag-series") List<String> lagSeries) {
        this.kafkaConfig = kafkaConfig;
        this.interval = interval;
        this.timeout = timeout;
        this.maxGroups = maxGroups;
        this.expected = lagSeries.stream().map(GroupTopic::parse).toList();
    }

    void start(@Observes StartupEvent event, MeterRegistry registry) {
        gauge(registry, "waspada.kafka.admin.up", "1 when the stream-processor's last look reached the Kafka cluster",
                sample -> sample.reached() ? 1 : sample == ClusterSample.NOT_YET ? Double.NaN : 0);
        gauge(registry, "waspada.kafka.brokers", "Brokers the Kafka cluster reports alive", ClusterSample::brokers);
        gauge(registry, "waspada.kafka.under.replicated.partitions",
                "Partitions of the platform's topics with fewer in-sync replicas than replicas",
                ClusterSample::underReplicated);
        gauge(registry, "waspada.kafka.offline.partitions", "Partitions of the platform's topics without a leader",
                ClusterSample::offline);
        lag = MultiGauge.builder("waspada.consumer.group.lag")
                .description("Messages a consumer group has not committed yet, per topic (end offset read_committed"
                        + " minus committed), sampled by the stream-processor").register(registry);
        publishLag(ClusterSample.NOT_YET);

        try {
            admin = Admin.create(KafkaConnection.from(kafkaConfig).with(Map.of(
                    AdminClientConfig.CLIENT_ID_CONFIG, "stream-processor-cluster-watch",
                    // Each question has its own deadline (waspada.cluster.timeout): no retrying past it.
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis())));
        } catch (RuntimeException e) {
            LOG.error("Cluster watch: no Admin client, so no cluster figures (waspada_kafka_admin_up 0)", e);
            latest.set(ClusterSample.unreachable(List.of("no Admin client: " + e)));
            return;
        }
        ClusterSampler sampler = new ClusterSampler(admin, timeout, Topics.ALL.stream().map(Topic::name).toList(),
                maxGroups);
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread watcher = new Thread(runnable, "cluster-watch");
            watcher.setDaemon(true);
            return watcher;
        });
        thread.scheduleWithFixedDelay(() -> look(sampler), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<ClusterSample> value) {
        Gauge.builder(name, latest, reference -> value.applyAsDouble(reference.get())).description(description)
                .strongReference(true).register(registry);
    }

    private void look(ClusterSampler sampler) {
        ClusterSample sample;
        try {
            sample = sampler.sample();
        } catch (RuntimeException e) {
            sample = ClusterSample.unreachable(List.of("look failed: " + e));
        }
        latest.set(sample);
        publishLag(sample);
        if (!sample.problems().equals(lastProblems)) {
            if (sample.problems().isEmpty()) {
                LOG.info("Cluster watch: the cluster answers every question again");
            } else {
                LOG.warnf("Cluster watch (every %s): %s", interval, String.join("; ", sample.problems()));
            }
            lastProblems = sample.problems();
        }
    }

    private void publishLag(ClusterSample sample) {
        Map<GroupTopic, Double> values = lagValues(expected, published, sample);
        published = values.keySet();
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        values.forEach((series, value) -> rows.add(MultiGauge.Row.of(
                Tags.of("group", series.group(), "topic", series.topic()), value)));
        lag.register(rows, true);
    }

    /**
     * The lag series to publish after {@code sample}: every lag it read; the expected series at 0 until their group
     * shows up; and, when it could not read every group's lag, the series published before (and the expected ones)
     * that it lacks as NaN: unknown, not gone. A complete sample drops the series of groups that vanished.
     */
    static Map<GroupTopic, Double> lagValues(List<GroupTopic> expected, Set<GroupTopic> published,
            ClusterSample sample) {
        Map<GroupTopic, Double> values = new LinkedHashMap<>();
        Set<GroupTopic> known = new LinkedHashSet<>(expected);
        if (!sample.lagComplete()) {
            known.addAll(published);
        }
        double missing = sample.lagComplete() ? 0 : Double.NaN;
        known.forEach(series -> values.put(series, missing));
        sample.lag().forEach((series, value) -> values.put(series, value.doubleValue()));
        return values;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        if (thread != null) {
            thread.shutdownNow();
            thread.awaitTermination(ClientTimeouts.THREAD_EXIT.toMillis(), TimeUnit.MILLISECONDS);
            admin.close(ClientTimeouts.CLOSE);
        }
    }
}
