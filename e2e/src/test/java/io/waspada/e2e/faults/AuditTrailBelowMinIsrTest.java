package io.waspada.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.LifecycleAction;
import io.waspada.e2e.platform.Platform;
import io.waspada.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The audit trail refusing writes while alerts flow, on a 3-broker cluster: one broker is stopped, so
 * {@code tip.alert-lifecycle.v1} has 2 in-sync replicas, and its {@code min.insync.replicas} is raised to 3 for the
 * outage (Kafka caps the minimum at the replica count, so a higher one would not bite), then set back to 2: every
 * acks=all write to it gets NOT_ENOUGH_REPLICAS meanwhile, as with a second broker down. The packaged
 * notifier, a real webhook receiver: while the trail refuses, no alert's offset is committed (its routing decision is
 * not durable); once the trail takes writes again, every alert is routed on the trail, paged to its route's receiver
 * and committed. Nothing is skipped.
 */
@Timeout(600)
class AuditTrailBelowMinIsrTest {

    private static final String GROUP = "notifier-service-delivery";
    private static final Duration READY = Duration.ofSeconds(180);
    private static final Duration SETTLED = Duration.ofSeconds(120);

    @Test
    void whileTheTrailRefusesWritesNothingIsCommittedAndAfterwardsEveryAlertIsRoutedAndPaged() throws Exception {
        try (WebhookReceiver hook = new WebhookReceiver(); Platform platform = Platform.startKafka(Map.of(), 3);
                Admin admin = Admin.create(platform.connection().clientConfig())) {
            hook.accept();
            platform.startService("notifier-service", env(hook), READY);
            ConfigResource trail = new ConfigResource(ConfigResource.Type.TOPIC, Topics.ALERT_LIFECYCLE.name());
            String minIsr = admin.describeConfigs(List.of(trail)).all().get().get(trail)
                    .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value();
            int replicas = admin.describeTopics(List.of(Topics.ALERT_LIFECYCLE.name())).allTopicNames().get()
                    .get(Topics.ALERT_LIFECYCLE.name()).partitions().get(0).replicas().size();
            assertThat(replicas).as("replicas of the audit trail").isEqualTo(3);
            // The intake has joined its group and committed where it starts on every partition.
            await(() -> committed(admin).size() == 6, "the notifier's offsets committed", SETTLED);
            Map<TopicPartition, Long> committedBefore = committed(admin);

            platform.stopKafkaNode(3);
            setMinIsr(admin, trail, Integer.toString(replicas));
            // The brokers apply the change from the metadata log a moment later: wait until an acks=all write fails.
            await(() -> refused(platform), "acks=all writes to the audit trail refused", SETTLED);
            long outage = System.nanoTime();
            List<String> ids = PagedAlerts.send(platform, "refused", 20);
            Map<TopicPartition, Long> ends = ends(admin);
            // The alerts are read (the intake moves on) but none is committed while its decision is not durable.
            org.awaitility.Awaitility.await("no alert committed while the trail refuses writes")
                    .during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(committed(admin)).isEqualTo(committedBefore));
            assertThat(AuditTrailReader.routed(platform, ids)).as("nothing on the trail while it refuses writes")
                    .isEmpty();
            setMinIsr(admin, trail, minIsr);
            double refusedFor = (System.nanoTime() - outage) / 1e9;

            long restored = System.nanoTime();
            await(() -> AuditTrailReader.routed(platform, ids).containsAll(ids), "every alert routed on the trail",
                    SETTLED);
            await(() -> Set.copyOf(hook.accepted()).containsAll(ids), "every alert paged", SETTLED);
            await(() -> {
                Map<TopicPartition, Long> now = committed(admin);
                return ends.entrySet().stream().allMatch(e -> now.getOrDefault(e.getKey(), -1L) >= e.getValue());
            }, "every alert committed", SETTLED);
            Map<String, Integer> pages = new HashMap<>();
            hook.accepted().forEach(id -> pages.merge(id, 1, Integer::sum));
            System.out.printf(Locale.ROOT, "[faults] audit trail below min ISR for %.1f s while %d alerts arrived: "
                    + "nothing committed meanwhile; all routed, paged and committed %.1f s after it recovered "
                    + "(%d paged more than once, %d acted on more than once by a receiver that acts once per "
                    + "Idempotency-Key)%n", refusedFor, ids.size(), (System.nanoTime() - restored) / 1e9,
                    pages.values().stream().filter(n -> n > 1).count(), hook.actedOn().size() - pages.size());
            assertThat(pages.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(hook.actedOn()).hasSize(pages.size());
        }
    }

    /** Whether an acks=all write to the audit trail (a harmless event of an alert nobody has) is refused now. */
    private static boolean refused(Platform platform) {
        try (KafkaProducer<String, AlertLifecycleEvent> probe = new KafkaProducer<>(platform.connection().with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.RETRIES_CONFIG, 0, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3000)),
                Topics.ALERT_LIFECYCLE.keySerde().serializer(), Topics.ALERT_LIFECYCLE.valueSerde().serializer())) {
            String alertId = "probe-" + UUID.randomUUID();
            AlertLifecycleEvent event = AlertLifecycleEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                    .setAlertId(alertId).setAlertVersion(1).setAction(LifecycleAction.OTHER).setAt(Instant.now())
                    .setActor("min-isr-probe").build();
            probe.send(new ProducerRecord<>(Topics.ALERT_LIFECYCLE.name(), alertId, event)).get();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause() instanceof org.apache.kafka.common.errors.NotEnoughReplicasException;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void setMinIsr(Admin admin, ConfigResource topic, String value) throws Exception {
        admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                new ConfigEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, value), AlterConfigOp.OpType.SET))))
                .all().get();
    }

    /** The notifier's committed offsets on {@code tip.alerts.v1}. */
    private static Map<TopicPartition, Long> committed(Admin admin) throws Exception {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get();
        all.forEach((tp, offset) -> {
            if (tp.topic().equals(Topics.ALERTS.name()) && offset != null) {
                offsets.put(tp, offset.offset());
            }
        });
        return offsets;
    }

    private static Map<TopicPartition, Long> ends(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(Topics.ALERTS.name())).allTopicNames().get().get(Topics.ALERTS.name())
                .partitions().forEach(p -> latest.put(new TopicPartition(Topics.ALERTS.name(), p.partition()),
                        OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private static Map<String, String> env(WebhookReceiver hook) throws Exception {
        return Map.of("WASPADA_ROUTING_CONFIG", HookRouting.webhookOnly(hook).toString());
    }


    private static void await(java.util.concurrent.Callable<Boolean> condition, String what, Duration deadline) {
        org.awaitility.Awaitility.await(what).atMost(deadline).pollInterval(Duration.ofMillis(200)).until(condition);
    }
}
