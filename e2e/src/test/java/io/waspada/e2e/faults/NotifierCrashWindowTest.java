package io.waspada.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.Handling;
import io.waspada.avro.LifecycleAction;
import io.waspada.e2e.platform.Platform;
import io.waspada.e2e.platform.PlatformProcess;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The notifier killed with SIGKILL (as {@code kill -9}) in its failure windows, on the real broker with the packaged
 * service and a real webhook receiver: afterwards every alert has been paged to the receiver its route names, at
 * least once: a page may repeat across the crash, with the {@code Idempotency-Key} of its first sending, so a receiver
 * that acts once per key acts once per alert.
 */
@Timeout(900)
class NotifierCrashWindowTest {

    private static final int ALERTS = 30;
    private static final Duration READY = Duration.ofSeconds(180);
    private static final Duration PAGED = Duration.ofSeconds(120);

    @Test
    void killedBetweenRoutingAndDeliveryEveryAlertIsPagedAfterTheRestart() throws Exception {
        try (WebhookReceiver hook = new WebhookReceiver(); Platform platform = Platform.startKafka(Map.of())) {
            Map<String, String> env = env(hook);
            PlatformProcess notifier = platform.startService("notifier-service", env, READY);
            List<String> ids = produce(platform, "between", ALERTS);
            // Each routing decision is on the audit trail and each page was tried and refused: none was delivered.
            await(() -> routed(platform, ids).containsAll(ids) && hook.refused() >= ids.size(),
                    "every alert routed and its page refused at least once", PAGED);
            notifier.kill();
            hook.accept();
            long restart = System.nanoTime();
            platform.startService("notifier-service", env, READY);
            await(() -> Set.copyOf(hook.accepted()).containsAll(ids), "every alert paged after the restart", PAGED);
            report("killed between routing and delivery", ids, hook, restart);
        }
    }

    @Test
    void killedWhileAlertsArriveEveryAlertIsPagedAfterTheRestart() throws Exception {
        try (WebhookReceiver hook = new WebhookReceiver(); Platform platform = Platform.startKafka(Map.of())) {
            hook.accept();
            Map<String, String> env = env(hook);
            PlatformProcess notifier = platform.startService("notifier-service", env, READY);
            List<String> ids = produce(platform, "arriving", ALERTS);
            // Killed at the first routing decision: some alerts are decided and paged, some decided only, some unread.
            await(() -> !routed(platform, ids).isEmpty(), "a first routing decision", PAGED);
            notifier.kill();
            int pagedBefore = Set.copyOf(hook.accepted()).size();
            long restart = System.nanoTime();
            platform.startService("notifier-service", env, READY);
            await(() -> Set.copyOf(hook.accepted()).containsAll(ids), "every alert paged after the restart", PAGED);
            System.out.printf(Locale.ROOT, "[faults] %d of %d alerts were paged before the kill%n", pagedBefore,
                    ids.size());
            report("killed while alerts arrive", ids, hook, restart);
        }
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
        Map<String, String> env = new HashMap<>();
        env.put("WASPADA_ROUTING_CONFIG", routing.toString());
        // A page keeps being retried through the kill (the window stays open), every half second at first.
        env.put("WASPADA_WEBHOOK_MAX_ATTEMPTS", "100");
        env.put("WASPADA_WEBHOOK_INITIAL_BACKOFF", "PT0.5S");
        env.put("WASPADA_WEBHOOK_MAX_BACKOFF", "PT2S");
        return env;
    }

    /** Alerts as the correlator writes them, one subject each (so one page each). */
    private static List<String> produce(Platform platform, String prefix, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, Alert> producer = new KafkaProducer<>(platform.connection().with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)),
                Topics.ALERTS.keySerde().serializer(), Topics.ALERTS.valueSerde().serializer())) {
            for (int i = 0; i < count; i++) {
                String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
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

    private static void report(String scenario, List<String> ids, WebhookReceiver hook, long restart) {
        List<String> accepted = hook.accepted();
        Map<String, Integer> pages = new HashMap<>();
        accepted.forEach(id -> pages.merge(id, 1, Integer::sum));
        long repeated = pages.values().stream().filter(n -> n > 1).count();
        Set<String> actedOn = hook.actedOn();
        System.out.printf(Locale.ROOT, "[faults] %s: %d alerts, %d paged after the restart (%d paged more than once, "
                + "%d acted on more than once by a receiver that acts once per Idempotency-Key), all paged %.1f s "
                + "after the restart began%n", scenario, ids.size(), ids.stream().filter(pages::containsKey).count(),
                repeated, actedOn.size() - pages.size(), (System.nanoTime() - restart) / 1e9);
        assertThat(pages.keySet()).containsAll(ids);
        // A page sent again across the crash carries the key of its first sending: acted on once.
        assertThat(actedOn).hasSize(pages.size());
        // Only the planted alerts went to the receiver, each to the receiver its route names.
        assertThat(pages.keySet()).allMatch(Set.copyOf(ids)::contains);
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition, String what, Duration deadline) {
        org.awaitility.Awaitility.await(what).atMost(deadline).pollInterval(Duration.ofMillis(200)).until(condition);
    }
}
