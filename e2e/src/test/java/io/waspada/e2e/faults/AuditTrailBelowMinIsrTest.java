package io.waspada.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.Handling;
import io.waspada.avro.LifecycleAction;
import io.waspada.e2e.platform.Platform;
import io.waspada.schemas.AvroSerde;
import io.waspada.testing.Fixtures;
import io.waspada.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
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
            List<String> ids = produce(platform, 20);
            Map<TopicPartition, Long> ends = ends(admin);
            // The alerts are read (the intake moves on) but none is committed while its decision is not durable.
            org.awaitility.Awaitility.await("no alert committed while the trail refuses writes")
                    .during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(committed(admin)).isEqualTo(committedBefore));
            assertThat(routed(platform, ids)).as("nothing on the trail while it refuses writes").isEmpty();
            setMinIsr(admin, trail, minIsr);
            double refusedFor = (System.nanoTime() - outage) / 1e9;

            long restored = System.nanoTime();
            await(() -> routed(platform, ids).containsAll(ids), "every alert routed on the trail", SETTLED);
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
        Path secret = Files.createTempFile("hook-secret", ".txt",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secret, "0123456789abcdef0123456789abcdef");
        Path routing = Files.createTempFile("routing", ".yaml");
        Files.writeString(routing, """
                route:
                  receiver: HOOK
                  group_by: [subject]
                  group_wait: 0s
                receivers:
                  - id: HOOK
                    handling: [H0, H1, H2, H3]
                    channels: {webhook: {url: "%s", secret_file: "%s"}}
                """.formatted(hook.url(), secret));
        return Map.of("WASPADA_ROUTING_CONFIG", routing.toString());
    }

    private static List<String> produce(Platform platform, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, Alert> producer = new KafkaProducer<>(platform.connection().with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)),
                Topics.ALERTS.keySerde().serializer(), Topics.ALERTS.valueSerde().serializer())) {
            for (int i = 0; i < count; i++) {
                String id = "refused-" + UUID.randomUUID().toString().substring(0, 8);
                Alert alert = Fixtures.alert(id, Fixtures.sighting("ev-" + id, Fixtures.passport("P" + i)));
                Map<String, String> labels = new HashMap<>(alert.getLabels());
                labels.put("subject", id);
                alert.setLabels(labels);
                alert.setHandling(Handling.H1);
                alert.setCreatedAt(Instant.now());
                alert.setUpdatedAt(Instant.now());
                producer.send(new ProducerRecord<>(Topics.ALERTS.name(), id, alert));
                ids.add(id);
            }
            producer.flush();
        }
        return ids;
    }

    /** The alerts among {@code ids} whose ROUTED decision is on the audit trail. */
    private static Set<String> routed(Platform platform, List<String> ids) {
        Set<String> wanted = Set.copyOf(ids);
        Set<String> found = new HashSet<>();
        AvroSerde<AlertLifecycleEvent> events = new AvroSerde<>(AlertLifecycleEvent.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(platform.connection().with(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERT_LIFECYCLE.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    AlertLifecycleEvent event = events.deserialize(record.topic(), record.value());
                    if (event.getAction() == LifecycleAction.ROUTED && wanted.contains(event.getAlertId())) {
                        found.add(event.getAlertId());
                    }
                }
            }
        }
        return found;
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition, String what, Duration deadline) {
        org.awaitility.Awaitility.await(what).atMost(deadline).pollInterval(Duration.ofMillis(200)).until(condition);
    }
}
