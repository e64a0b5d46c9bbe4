package io.waspada.e2e.door;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.avro.Alert;
import io.waspada.avro.EvidenceRef;
import io.waspada.e2e.faults.HookRouting;
import io.waspada.e2e.faults.WebhookReceiver;
import io.waspada.e2e.platform.AgencyKeys;
import io.waspada.e2e.platform.AlertsTopic;
import io.waspada.e2e.platform.Platform;
import io.waspada.e2e.platform.PlatformProcess;
import io.waspada.inbox.AgencyReport;
import io.waspada.inbox.ReportFlag;
import io.waspada.kafka.KafkaConnection;
import io.waspada.topics.AgencyTopics;
import io.waspada.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Kafka door on the packaged platform: two agencies' systems publish a cross-border pair to their inboxes and the
 * task force's webhook is paged with the alert; a bad report becomes a reject its agency reads and no other agency can;
 * and the alert-producer killed with SIGKILL while reports stream in loses none and writes none twice.
 */
@Timeout(600)
class KafkaDoorEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    /** Reports the agency streams in the kill test, in flushes of 50. */
    private static final int REPORT_COUNT = 20_000;

    @Test
    void inboxReportsBecomeAnAlertForTheTaskForceAndABadOneARejectOnlyItsAgencyReads() throws Exception {
        try (WebhookReceiver hook = new WebhookReceiver()) {
            hook.accept();
            AgencyKeys keys = AgencyKeys.create(Files.createTempDirectory("door-keys"));
            Map<String, String> env = new HashMap<>(keys.serviceEnv());
            env.put("WASPADA_ROUTING_CONFIG", HookRouting.webhookOnly(hook).toString());
            try (Platform platform = Platform.start(env)) {
                String passport = "D" + (1_000_000 + new Random().nextInt(8_999_999));
                Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                AgencyReport entikong = AgencyDoor.sighting(passport, "ENTIKONG", 0.9856, 110.3544, "ID",
                        "KALIMANTAN_BARAT", now.minus(Duration.ofHours(5)));
                AgencyReport tebedu = AgencyDoor.sighting(passport, "TEBEDU", 1.0043, 110.3670, "MY", "SARAWAK",
                        now.minus(Duration.ofHours(3)));
                // Jurisdiction flags travel from the inbox through correlation into the alert, strictest first.
                entikong.setFlags(List.of(new ReportFlag("PROTECT_VICTIM", null)));
                tebedu.setFlags(List.of(new ReportFlag("INFORM_ONLY", "ID")));
                publish(platform, "ID_IMIGRASI", entikong);
                publish(platform, "IMMIGRATION", tebedu);

                Awaitility.await("the task force paged").atMost(DEADLINE).pollInterval(Duration.ofMillis(200))
                        .until(() -> !hook.accepted().isEmpty());
                String alertId = hook.accepted().get(0);
                Alert alert = AlertsTopic.readAll(platform.connection(), DEADLINE).stream()
                        .filter(a -> a.getAlertId().equals(alertId)).reduce((a, b) -> b).orElseThrow();
                assertThat(alert.getType()).isEqualTo("CROSS_BORDER_MOVEMENT");
                assertThat(alert.getEvidence()).extracting(EvidenceRef::getEventId)
                        .containsExactlyInAnyOrder(entikong.getEventId(), tebedu.getEventId());
                assertThat(alert.getAgencies()).containsExactlyInAnyOrder("ID_IMIGRASI", "IMMIGRATION");
                assertThat(alert.getFlags()).extracting(f -> f.getKind().name() + ":" + f.getJurisdiction() + "@"
                        + f.getAgency()).containsExactly("INFORM_ONLY:ID@IMMIGRATION", "PROTECT_VICTIM:null@ID_IMIGRASI");

                AgencyReport bad = AgencyDoor.sighting("Q!7", "TEBEDU", 1.0043, 110.3670, "MY", "SARAWAK",
                        now.minus(Duration.ofHours(1)));
                RecordMetadata position = publish(platform, "RMP", bad);
                JsonNode reject = Awaitility.await("the reject").atMost(DEADLINE).pollInterval(Duration.ofMillis(200))
                        .until(() -> readAll(AgencyDoor.connection(platform, "RMP"), AgencyTopics.rejects("RMP").name())
                                .stream().map(KafkaDoorEndToEndTest::json)
                                .filter(r -> bad.getEventId().equals(r.path("eventId").asText())).findFirst(),
                                java.util.Optional::isPresent).orElseThrow();
                assertThat(reject.get("status").asInt()).isEqualTo(422);
                assertThat(reject.get("violations").findValuesAsText("field"))
                        .containsExactly("subjects[0].identifiers[0].value");
                assertThat(reject.get("report").get("offset").asLong()).isEqualTo(position.offset());
                assertThat(reject.toString()).doesNotContain("Q!7");
                assertThatThrownBy(() -> readAll(AgencyDoor.connection(platform, "MMEA"),
                        AgencyTopics.rejects("RMP").name())).isInstanceOf(TopicAuthorizationException.class);
                assertThatThrownBy(() -> readAll(AgencyDoor.connection(platform, "MMEA"),
                        AgencyTopics.inbox("RMP").name())).isInstanceOf(TopicAuthorizationException.class);
            }
        }
    }

    @Test
    void theAlertProducerKilledWhileReportsStreamInLosesNoneAndWritesNoneTwice() throws Exception {
        AgencyKeys keys = AgencyKeys.create(Files.createTempDirectory("door-keys"));
        Map<String, String> env = new HashMap<>(keys.serviceEnv());
        try (Platform platform = Platform.startKafka(env)) {
            PlatformProcess producer = platform.startService("alert-producer", env, Duration.ofSeconds(120));
            Set<String> published = ConcurrentHashMap.newKeySet();
            AtomicBoolean publishing = new AtomicBoolean(true);
            Instant observedAt = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
            Thread agency = new Thread(() -> {
                try (KafkaProducer<String, byte[]> inbox = AgencyDoor.producer(platform, "LABOUR")) {
                    int n = 0;
                    while (publishing.get() && n < REPORT_COUNT) {
                        AgencyReport report = AgencyDoor.sighting("L" + (1_000_000 + n++), "PORT_KLANG", 3.0, 101.39,
                                "MY", "SELANGOR", observedAt);
                        inbox.send(new ProducerRecord<>(AgencyTopics.inbox("LABOUR").name(), report.getEventId(),
                                AgencyDoor.REPORTS.serialize("inbox", report)), (written, error) -> {
                                    if (error == null) {
                                        published.add(report.getEventId());
                                    }
                                });
                        if (n % 50 == 0) {
                            inbox.flush();
                        }
                    }
                }
            }, "labour-system");
            agency.start();
            try {
                Awaitility.await("the door writing").atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                        .until(() -> eventIds(platform).size() >= 500);
                producer.kill();
                int writtenAtKill = eventIds(platform).size();
                long behind = uncommitted(platform);
                System.out.printf("[door] alert-producer killed (SIGKILL) with %d reports published, %d events "
                        + "written, %d inbox records not committed%n", published.size(), writtenAtKill, behind);
                assertThat(behind).as("killed with reports still to read").isPositive();
                platform.startService("alert-producer", env, Duration.ofSeconds(120));
                agency.join(TimeUnit.SECONDS.toMillis(120));
                assertThat(agency.isAlive()).as("the agency's system finished publishing").isFalse();
            } finally {
                publishing.set(false);
                agency.join(TimeUnit.SECONDS.toMillis(30));
            }
            Set<String> all = Set.copyOf(published);
            Awaitility.await("every published report written").atMost(DEADLINE).pollInterval(Duration.ofMillis(500))
                    .until(() -> eventIds(platform).keySet().containsAll(all));
            Map<String, Long> written = eventIds(platform);
            System.out.printf("[door] %d reports published, %d events written%n", all.size(), written.size());
            assertThat(written.entrySet()).as("written more than once").noneMatch(entry -> entry.getValue() > 1);
            assertThat(written.keySet()).containsExactlyInAnyOrderElementsOf(all);
        }
    }

    /** Records of the LABOUR inbox past the door's committed offsets. */
    private static long uncommitted(Platform platform) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                platform.connection().clientConfig())) {
            String inbox = AgencyTopics.inbox("LABOUR").name();
            var committed = admin.listConsumerGroupOffsets("alert-producer-inbox").partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            var partitions = admin.describeTopics(List.of(inbox)).allTopicNames().get(30, TimeUnit.SECONDS).get(inbox)
                    .partitions().stream().map(p -> new TopicPartition(inbox, p.partition())).toList();
            var ends = admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p,
                    p -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get(30, TimeUnit.SECONDS);
            long behind = 0;
            for (TopicPartition partition : partitions) {
                var at = committed.get(partition);
                behind += ends.get(partition).offset() - (at == null ? 0 : at.offset());
            }
            return behind;
        }
    }

    private static RecordMetadata publish(Platform platform, String agency, AgencyReport report) throws Exception {
        try (KafkaProducer<String, byte[]> producer = AgencyDoor.producer(platform, agency)) {
            return producer.send(new ProducerRecord<>(AgencyTopics.inbox(agency).name(), report.getEventId(),
                    AgencyDoor.REPORTS.serialize("inbox", report))).get(30, TimeUnit.SECONDS);
        }
    }

    /** How often each eventId is on the sightings topic ({@code read_committed}, read to its end as the admin). */
    private static Map<String, Long> eventIds(Platform platform) {
        return readAll(platform.connection(), Topics.SIGHTINGS.name()).stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** Keys (or values, for the rejects topic) of every committed record of {@code topic}, read to its end. */
    private static List<String> readAll(KafkaConnection kafka, String topic) {
        boolean values = topic.startsWith(AgencyTopics.REJECTS_PREFIX);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false)), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<String> read = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(topic + " not read to its end in 30 s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    read.add(values ? new String(record.value(), StandardCharsets.UTF_8) : record.key());
                }
            }
            return read;
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
