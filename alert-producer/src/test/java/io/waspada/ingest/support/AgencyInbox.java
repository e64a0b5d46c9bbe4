package io.waspada.ingest.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.waspada.inbox.AgencyReport;
import io.waspada.kafka.local.SharedKafka;
import io.waspada.schemas.AvroSerde;
import io.waspada.topics.AgencyTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** An agency system on the Kafka door, as its own principal ({@code agency-<slug>}) of the shared test broker. */
public final class AgencyInbox {

    public static final AvroSerde<AgencyReport> REPORTS = new AvroSerde<>(AgencyReport.class, List.of());

    private AgencyInbox() {
    }

    /** Publishes one record to {@code agency}'s inbox as {@code principal} (acks=all, idempotent); its position. */
    public static RecordMetadata publish(String principal, String agency, String key, byte[] value)
            throws InterruptedException, ExecutionException, TimeoutException {
        return publish(principal, agency, key, value, new org.apache.kafka.common.header.internals.RecordHeaders());
    }

    /** As above, with these record headers. */
    public static RecordMetadata publish(String principal, String agency, String key, byte[] value,
            org.apache.kafka.common.header.Headers headers)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(SharedKafka.principal(principal).with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000)), new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(AgencyTopics.inbox(agency).name(), null, key, value, headers))
                    .get(20, TimeUnit.SECONDS);
        }
    }

    public static RecordMetadata publish(String agency, AgencyReport report)
            throws InterruptedException, ExecutionException, TimeoutException {
        return publish(AgencyTopics.principal(agency), agency, report.getEventId(), REPORTS.serialize("inbox", report));
    }

    /** Waits up to 30 s for a reject on {@code agency}'s rejects topic matching {@code wanted}, read as the agency. */
    public static JsonNode awaitReject(String agency, Predicate<JsonNode> wanted) {
        List<JsonNode> seen = new ArrayList<>();
        String topic = AgencyTopics.rejects(agency).name();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(SharedKafka.principal(
                AgencyTopics.principal(agency)).with(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode reject = SampleBodies.parse(record.value());
                    if (wanted.test(reject)) {
                        return reject;
                    }
                    seen.add(reject);
                }
            }
        }
        throw new AssertionError("no such reject on " + topic + " in 30 s; saw " + seen);
    }

    public static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
