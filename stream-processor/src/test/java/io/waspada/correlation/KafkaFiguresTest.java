package io.waspada.correlation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.waspada.kafka.local.KafkaTestResource;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.topics.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Kafka figures ops need when the notifier is down come from the stream-processor's own {@code /q/metrics}, as
 * its own Kafka principal against the real broker: the cluster watch's lag of any group (here one the notifier would
 * have, seven records behind on a topic the stream-processor only describes) and the brokers' health, and the
 * correlation's own Streams client metrics, per partition.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, initArgs = @ResourceArg(name = KafkaTestResource.PRINCIPAL, value = "stream-processor"))
@Timeout(120)
class KafkaFiguresTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void anyGroupsLagAndTheBrokersHealthAreOnTheStreamProcessorsMetrics() throws Exception {
        String group = "notifier-service-lag-probe-" + UUID.randomUUID().toString().substring(0, 8);
        TopicPartition partition = new TopicPartition(Topics.ALERT_LIFECYCLE.name(), 0);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(SharedKafka.connection().with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all")), new ByteArraySerializer(), new ByteArraySerializer());
                Admin admin = Admin.create(SharedKafka.connection().clientConfig())) {
            RecordMetadata last = null;
            for (int i = 0; i < 7; i++) {
                last = producer.send(new ProducerRecord<>(partition.topic(), partition.partition(),
                        group.getBytes(), new byte[] {(byte) i})).get(30, TimeUnit.SECONDS);
            }
            // The group committed just before the seven records: it is seven behind the end.
            admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(last.offset() + 1 - 7)))
                    .all().get(30, TimeUnit.SECONDS);
        }

        String lag = "waspada_consumer_group_lag{group=\"" + group + "\",topic=\"" + partition.topic() + "\"}";
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(value(metrics(), lag)).isEqualTo(7.0));
        String metrics = metrics();
        assertThat(value(metrics, "waspada_kafka_admin_up")).isEqualTo(1.0);
        assertThat(value(metrics, "waspada_kafka_brokers")).isEqualTo(1.0);
        assertThat(value(metrics, "waspada_kafka_under_replicated_partitions")).isZero();
        assertThat(value(metrics, "waspada_kafka_offline_partitions")).isZero();
        // The correlator's series exist from the start, whether or not its group has committed yet.
        assertThat(metrics).contains(
                "waspada_consumer_group_lag{group=\"waspada-correlation\",topic=\"tip.sightings.v1\"}",
                "waspada_consumer_group_lag{group=\"notifier-service-delivery\",topic=\"tip.alerts.v1\"}");
    }

    @Test
    void theCorrelationsOwnKafkaClientMetricsAreOnItsMetricsPerPartition() {
        Pattern partitionLag = Pattern.compile("kafka_consumer_fetch_manager_records_lag\\{[^}]*partition=\"\\d+\""
                + "[^}]*topic=\"tip\\.sightings\\.v1\"[^}]*} ");
        await().atMost(DEADLINE).untilAsserted(() -> {
            String metrics = metrics();
            assertThat(metrics).contains("kafka_consumer_fetch_manager_records_lag_max{",
                    "kafka_stream_thread_process_rate{", "kafka_stream_thread_commit_latency_avg{",
                    "kafka_producer_record_error_rate{");
            assertThat(partitionLag.matcher(metrics).find()).as("records-lag of a tip.sightings.v1 partition").isTrue();
        });
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of the series named exactly {@code series} (name and labels as exposed), or null if absent. */
    private static Double value(String metrics, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        return line.find() ? Double.valueOf(line.group(1)) : null;
    }
}
