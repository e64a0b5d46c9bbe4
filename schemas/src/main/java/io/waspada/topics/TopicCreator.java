package io.waspada.topics;

import io.waspada.kafka.KafkaConnection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one component that creates the platform's topics, with explicit partitions, retention,
 * compaction and {@code min.insync.replicas}. Idempotent: existing topics are left as they are.
 * The replication factor follows the cluster (3 brokers or more: 3; otherwise the broker count).
 */
public final class TopicCreator {

    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);

    private final Admin admin;

    public TopicCreator(Admin admin) {
        this.admin = admin;
    }

    /** Creates every missing topic of {@link Topics#ALL}; returns the names it created. */
    public List<String> createAll() {
        return create(Topics.ALL);
    }

    public List<String> create(Collection<Topic<?, ?>> topics) {
        try {
            int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
            short replication = (short) Math.min(3, Math.max(1, brokers));
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(newTopic(topic.name(), topic.spec(), replication));
                }
            }
            List<String> created = new ArrayList<>();
            for (var result : admin.createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get(30, TimeUnit.SECONDS);
                    created.add(result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            if (!created.isEmpty()) {
                LOG.info("Created topics {} (replication factor {})", created, replication);
            }
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create topics: " + e.getMessage(), e);
        }
    }

    static NewTopic newTopic(String name, TopicSpec spec, short replication) {
        int minIsr = Math.max(1, Math.min(spec.minInsyncReplicas(), replication - 1));
        return new NewTopic(name, spec.partitions(), replication).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                spec.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(spec.retentionMs()),
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minIsr)));
    }

    /**
     * {@code java io.waspada.topics.TopicCreator [bootstrap servers]}: the topic-creation step of a deployment; the
     * connection (servers, security) from the environment as {@link KafkaConnection#fromEnvironment} reads it.
     */
    public static void main(String[] args) {
        KafkaConnection kafka = KafkaConnection.fromEnvironment(System.getenv(), "localhost:9092");
        if (args.length > 0) {
            kafka = new KafkaConnection(args[0], kafka.security());
        }
        String bootstrap = kafka.bootstrapServers();
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            List<String> created = new TopicCreator(admin).createAll();
            System.out.println("Topics ready on " + bootstrap + " (created " + created.size() + "): "
                    + Topics.ALL.stream().map(Topic::name).toList());
        }
    }
}
