package io.waspada.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waspada.kafka.KafkaConnection;
import io.waspada.topics.Topic;
import io.waspada.topics.TopicCreator;
import io.waspada.topics.TopicSpec;
import org.apache.kafka.common.serialization.Serdes;
import io.waspada.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class TopicCreationTest {

    @Test
    void everyContractTopicExistsWithItsPartitionsRetentionAndCleanupPolicy() throws Exception {
        try (Admin admin = Admin.create(SharedKafka.connection().clientConfig())) {
            List<String> names = Topics.ALL.stream().map(Topic::name).toList();
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            for (Topic<?, ?> topic : Topics.ALL) {
                assertThat(described.get(topic.name()).partitions()).as(topic.name()).hasSize(topic.spec().partitions());
                Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic.name())))
                        .all().get(30, TimeUnit.SECONDS).values().iterator().next();
                assertThat(config.get("cleanup.policy").value()).as(topic.name())
                        .isEqualTo(topic.spec().compacted() ? "compact" : "delete");
                assertThat(config.get("retention.ms").value()).as(topic.name())
                        .isEqualTo(Long.toString(topic.spec().retentionMs()));
                assertThat(config.get("min.insync.replicas").value()).as("single broker").isEqualTo("1");
            }
            assertThat(Topics.WATCHLIST.spec().compacted()).isTrue();
        }
    }

    @Test
    void anExistingTopicIsCorrectedWhereKafkaAllowsAndItsPartitionCountReported() throws Exception {
        String name = "drift-" + java.util.UUID.randomUUID();
        try (Admin admin = Admin.create(SharedKafka.connection().clientConfig())) {
            // Made by hand with the wrong partitions, cleanup policy and retention.
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(name, 2, (short) 1).configs(Map.of(
                    "cleanup.policy", "compact", "retention.ms", "1000")))).all().get(30, TimeUnit.SECONDS);
            TopicCreator creator = new TopicCreator(admin);
            assertThat(creator.create(List.<Topic<?, ?>>of(new Topic<>(name, Serdes.String(), Serdes.String(),
                    TopicSpec.deleteAfter(3, java.time.Duration.ofDays(1)))))).isEmpty();

            assertThat(creator.drift()).anySatisfy(line -> assertThat(line).contains(name, "partitions 2", "wanted 3",
                    "not corrected")).anySatisfy(line -> assertThat(line).contains("cleanup.policy compact",
                    "corrected to delete")).anySatisfy(line -> assertThat(line).contains("retention.ms 1000",
                    "corrected to 86400000"));
            Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, name)))
                    .all().get(30, TimeUnit.SECONDS).values().iterator().next();
            assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(config.get("retention.ms").value()).isEqualTo("86400000");
            // Checked again: only what could not be corrected is left.
            creator.create(List.<Topic<?, ?>>of(new Topic<>(name, Serdes.String(), Serdes.String(),
                    TopicSpec.deleteAfter(3, java.time.Duration.ofDays(1)))));
            assertThat(creator.drift()).singleElement().asString().contains("partitions 2");
        }
    }

    @Test
    void fewerBrokersUpThanTheRequiredReplicationCreateNothing() throws Exception {
        String name = "unreplicated-" + java.util.UUID.randomUUID();
        try (Admin admin = Admin.create(SharedKafka.connection().clientConfig())) {
            TopicCreator creator = new TopicCreator(admin, java.util.OptionalInt.of(3));
            assertThatThrownBy(() -> creator.create(List.<Topic<?, ?>>of(new Topic<>(name, Serdes.String(),
                    Serdes.String(), TopicSpec.deleteAfter(1, java.time.Duration.ofDays(1))))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("only 1 broker(s) up").hasMessageContaining("replication factor 3")
                    .hasMessageContaining("nothing created").hasMessageContaining(name);
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(name);
        }
    }

    @Test
    void creatingAgainIsANoOp() {
        try (Admin admin = Admin.create(SharedKafka.connection().clientConfig())) {
            assertThat(new TopicCreator(admin).createAll()).isEmpty();
        }
    }
}
