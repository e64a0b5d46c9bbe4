package io.waspada.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.LifecycleAction;
import io.waspada.topics.Topic;
import io.waspada.topics.TopicCreator;
import io.waspada.topics.TopicSpec;
import io.waspada.topics.TopicTail;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.Serdes;
import io.waspada.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code ./waspada tail}'s reader against the real broker: records as JSON lines, a poison one among them. */
@Timeout(60)
class TopicTailTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void printsEachRecordAsAJsonLineDecodedWithItsSchemaAndAPoisonOneAsUndecodable() throws Exception {
        // A topic of its own with the audit trail's schema: the poison record stays out of the topics other tests read.
        Topic<String, AlertLifecycleEvent> trail = new Topic<>("tail-" + UUID.randomUUID(), Serdes.String(),
                Topics.ALERT_LIFECYCLE.valueSerde(), TopicSpec.deleteAfter(1, Duration.ofDays(1)));
        try (Admin admin = Admin.create(SharedKafka.connection().clientConfig())) {
            new TopicCreator(admin).create(List.<Topic<?, ?>>of(trail));
        }
        String alertId = "tail-" + UUID.randomUUID();
        AlertLifecycleEvent event = AlertLifecycleEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setAlertId(alertId).setAlertVersion(2).setAction(LifecycleAction.ACKED).setAt(Instant.now())
                .setActor("officer.maritime").setTaskForce("MARITIME").build();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(SharedKafka.connection().with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all")), new ByteArraySerializer(), new ByteArraySerializer())) {
            byte[] key = alertId.getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(trail.name(), key,
                    trail.valueSerde().serializer().serialize(trail.name(), event))).get();
            producer.send(new ProducerRecord<>(trail.name(), key,
                    "not avro".getBytes(StandardCharsets.UTF_8))).get();
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        long count = new TopicTail(SharedKafka.connection(), new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run(trail, Optional.empty(), Duration.ZERO);

        List<JsonNode> mine = new ArrayList<>();
        for (String line : printed.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode record = JSON.readTree(line);
            if (alertId.equals(record.path("key").asText())) {
                mine.add(record);
            }
        }
        assertThat(count).isEqualTo(2);
        assertThat(mine).hasSize(2);
        JsonNode decoded = mine.get(0).path("value");
        assertThat(decoded.path("alertId").asText()).isEqualTo(alertId);
        assertThat(decoded.path("action").asText()).isEqualTo("ACKED");
        assertThat(decoded.path("alertVersion").asLong()).isEqualTo(2);
        assertThat(mine.get(0).path("offset").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(mine.get(1).path("value").path("undecodable").asText()).isNotEmpty();
        assertThat(mine.get(1).path("value").path("reason").asText()).isNotEmpty();
    }
}
