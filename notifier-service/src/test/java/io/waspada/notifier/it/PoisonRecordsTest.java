package io.waspada.notifier.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A record that does not decode on each topic the notifier reads (planted before it started by
 * {@link PoisonedTopics}): the notifier still started and is ready (every other notifier test, escalation included,
 * runs with them there); each record is counted and dead-lettered to tip.dlq.v1 as it was, with its position and
 * the reason; the readers say so in readiness.
 */
@QuarkusTest
@QuarkusTestResource(value = NotifierTestResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
class PoisonRecordsTest {

    @Test
    void theNotifierIsReadyAndItsReadersReportWhatTheySkipped() {
        JsonPath health = given().when().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertThat(health.getString("status")).isEqualTo("UP");
        Map<String, Object> followed = health.getMap("checks.find { it.name == 'topics followed' }.data");
        assertThat(followed).containsKeys(Topics.ALERT_LIFECYCLE.name(), Topics.SILENCES.name(),
                Topics.DELIVERY_DLQ.name());
        for (String topic : List.of(Topics.ALERT_LIFECYCLE.name(), Topics.SILENCES.name(),
                Topics.DELIVERY_DLQ.name())) {
            assertThat(followed.get(topic).toString()).startsWith("following").contains("undecodable skipped");
        }
    }

    @Test
    void eachIsCountedAndDeadLetteredAsItWasWithItsPositionAndReason() {
        Map<String, String> planted = PoisonedTopics.planted();
        assertThat(planted.keySet()).containsExactlyInAnyOrderElementsOf(PoisonedTopics.TOPICS);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, ConsumerRecord<byte[], byte[]>> letters = deadLettersByPosition();
            for (String position : planted.values()) {
                assertThat(letters).as("dead letter of %s", position).containsKey(position);
                ConsumerRecord<byte[], byte[]> letter = letters.get(position);
                assertThat(letter.value()).isEqualTo(PoisonedTopics.POISON);
                assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("poison");
                assertThat(header(letter, "reason")).isEqualTo("UNDECODABLE");
                assertThat(header(letter, "exception")).isNotBlank();
            }
        });
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String topic : PoisonedTopics.TOPICS) {
            assertThat(metrics).contains("waspada_notifier_undecodable_records_total{topic=\"" + topic + "\"}");
        }
    }

    /** The notifier's dead letters on tip.dlq.v1, by the position they name (the first of each). */
    private static Map<String, ConsumerRecord<byte[], byte[]>> deadLettersByPosition() {
        Map<String, ConsumerRecord<byte[], byte[]>> letters = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(SharedKafka.connection().with(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(Topics.DLQ.name()).forEach(p -> partitions.add(new TopicPartition(p.topic(),
                    p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if ("notifier-service".equals(header(record, "reader"))) {
                        letters.putIfAbsent(header(record, "topic") + "-" + header(record, "partition") + "@"
                                + header(record, "offset"), record);
                    }
                }
            }
        }
        return letters;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader("waspada.dlq." + name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
