package io.waspada.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waspada.kafka.TopicFollower;
import io.waspada.topics.Topic;
import io.waspada.topics.TopicCreator;
import io.waspada.topics.TopicSpec;
import io.waspada.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Catch up, then follow, on the real broker: a record that does not decode is skipped, reported with its position
 * and counted, and reading goes on; a handler that throws skips only its record; caught up means what was there at
 * start was handled; a reader the broker refuses fails at once, visibly, instead of waiting out a timeout.
 */
@Timeout(120)
class TopicFollowerTest {

    /** Decodes "n:<number>" values; anything else is poison. */
    private static final Deserializer<Integer> NUMBERS = (topic, bytes) -> {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.startsWith("n:")) {
            throw new IllegalArgumentException("not a number record: " + text);
        }
        return Integer.parseInt(text.substring(2));
    };

    private final String topic = "follow-test-" + UUID.randomUUID();

    @Test
    void aPoisonRecordIsSkippedReportedAndCountedAndReadingGoesOn() throws Exception {
        create(2);
        send("a", "n:1");
        send("b", "garbage");
        send("c", "n:13"); // the handler fails on 13
        send("d", "n:2");
        List<Integer> handled = new CopyOnWriteArrayList<>();
        List<TopicFollower.Undecodable> poison = new CopyOnWriteArrayList<>();
        try (TopicFollower<String, Integer> follower = TopicFollower.of(SharedKafka.connection(), topic,
                Serdes.String().deserializer(), NUMBERS).onUndecodable(poison::add).start(record -> {
                    if (record.value() == 13) {
                        throw new IllegalStateException("unlucky");
                    }
                    handled.add(record.value());
                })) {
            assertThat(follower.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            assertThat(handled).containsExactlyInAnyOrder(1, 2);
            assertThat(follower.undecodable()).isEqualTo(1);
            assertThat(follower.skipped()).isEqualTo(1);
            assertThat(poison).hasSize(1);
            assertThat(poison.get(0).position()).startsWith(topic + "-").contains("@");
            assertThat(new String(poison.get(0).record().value(), StandardCharsets.UTF_8)).isEqualTo("garbage");
            assertThat(poison.get(0).cause()).hasMessageContaining("not a number record");
            assertThat(follower.describe()).startsWith("following, 4 records read")
                    .contains("1 undecodable skipped", "1 failed in the handler");

            send("e", "more garbage");
            send("f", "n:3");
            await().atMost(Duration.ofSeconds(20)).until(() -> handled.contains(3));
            assertThat(follower.undecodable()).isEqualTo(2);
            assertThat(follower.state()).isEqualTo(TopicFollower.State.FOLLOWING);
        }
    }

    @Test
    void aReaderTheBrokerRefusesFailsAtOnceAndSaysWhy() throws Exception {
        // The ingest's principal may not read the audit trail.
        try (TopicFollower<String, byte[]> follower = TopicFollower.of(SharedKafka.principal("alert-producer"),
                Topics.ALERT_LIFECYCLE.name(), Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
                .start(record -> { })) {
            long started = System.nanoTime();
            assertThat(follower.awaitCaughtUp(Duration.ofSeconds(60))).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
            assertThat(follower.state()).isEqualTo(TopicFollower.State.FAILED);
            assertThat(follower.failure()).isInstanceOf(AuthorizationException.class);
            assertThat(follower.describe()).startsWith("failed");
        }
    }

    @Test
    void anEmptyTopicIsCaughtUpAtOnce() throws Exception {
        create(1);
        try (TopicFollower<String, Integer> follower = TopicFollower.of(SharedKafka.connection(), topic,
                Serdes.String().deserializer(), NUMBERS).start(record -> { })) {
            assertThat(follower.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
        }
    }

    private void create(int partitions) {
        try (Admin admin = Admin.create(SharedKafka.connection().clientConfig())) {
            new TopicCreator(admin).create(List.<Topic<?, ?>>of(new Topic<>(topic, Serdes.String(), Serdes.String(),
                    TopicSpec.deleteAfter(partitions, Duration.ofDays(1)))));
        }
    }

    private void send(String key, String value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(SharedKafka.connection().with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all")), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8))).get();
        }
    }
}
