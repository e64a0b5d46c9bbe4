package io.waspada.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.kafka.KafkaConnection;
import io.waspada.topics.Topic;
import io.waspada.topics.TopicCreator;
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
    void creatingAgainIsANoOp() {
        try (Admin admin = Admin.create(SharedKafka.connection().clientConfig())) {
            assertThat(new TopicCreator(admin).createAll()).isEmpty();
        }
    }
}
