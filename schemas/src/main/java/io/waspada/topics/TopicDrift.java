package io.waspada.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Compares topics that exist with their specs. What Kafka lets a client change in place it corrects: cleanup policy,
 * retention, {@code min.insync.replicas} and a spec's {@code segment.ms}. What it cannot change safely it reports: the partition count (more
 * partitions would send a key's later records to another partition, breaking per-key order and the notifier's
 * partition ownership) and a replication factor below the one required (a partition reassignment, an operator's
 * decision).
 */
final class TopicDrift {

    /** One setting of one topic that differs from its spec. */
    record Finding(String topic, String setting, String actual, String wanted, boolean corrected) {

        String line() {
            return topic + " " + setting + " " + actual + (corrected ? " -> corrected to " : ", wanted ")
                    + wanted + (corrected ? "" : " (not corrected: " + why() + ")");
        }

        private String why() {
            return setting.equals("partitions")
                    ? "more partitions would move keys; recreate the topic or keep it"
                    : "raise it with a partition reassignment (kafka-reassign-partitions)";
        }
    }

    private final Admin admin;

    TopicDrift(Admin admin) {
        this.admin = admin;
    }

    /** The wanted {@code min.insync.replicas} of a topic with {@code replication} replicas: one may be down. */
    static int minInsyncReplicas(TopicSpec spec, int replication) {
        return Math.max(1, Math.min(spec.minInsyncReplicas(), replication - 1));
    }

    /** The topic configuration a spec asks for (what is created, and what drift corrects). */
    static Map<String, String> configs(TopicSpec spec, int replication) {
        Map<String, String> configs = new HashMap<>(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                spec.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(spec.retentionMs()),
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsyncReplicas(spec, replication))));
        if (spec.segment() != null) {
            configs.put(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(spec.segment().toMillis()));
        }
        return configs;
    }

    /** Checks the named existing topics, corrects what it may, and returns every difference found. */
    List<Finding> check(Map<String, TopicSpec> existing, int requiredReplication)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (existing.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> described = admin.describeTopics(existing.keySet()).allTopicNames()
                .get(30, TimeUnit.SECONDS);
        List<ConfigResource> resources = existing.keySet().stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
        List<Finding> findings = new ArrayList<>();
        Map<ConfigResource, Collection<AlterConfigOp>> corrections = new HashMap<>();
        for (var entry : existing.entrySet()) {
            String name = entry.getKey();
            TopicSpec spec = entry.getValue();
            TopicDescription topic = described.get(name);
            int replication = topic.partitions().get(0).replicas().size();
            if (topic.partitions().size() != spec.partitions()) {
                findings.add(new Finding(name, "partitions", Integer.toString(topic.partitions().size()),
                        Integer.toString(spec.partitions()), false));
            }
            if (replication < requiredReplication) {
                findings.add(new Finding(name, "replication factor", Integer.toString(replication),
                        Integer.toString(requiredReplication), false));
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
            Config config = configs.get(resource);
            Map<String, String> wanted = configs(spec, replication);
            List<AlterConfigOp> ops = new ArrayList<>();
            wanted.forEach((key, value) -> {
                ConfigEntry actual = config.get(key);
                String now = actual == null ? null : actual.value();
                if (!value.equals(now)) {
                    findings.add(new Finding(name, key, String.valueOf(now), value, true));
                    ops.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
                }
            });
            if (!ops.isEmpty()) {
                corrections.put(resource, ops);
            }
        }
        if (!corrections.isEmpty()) {
            admin.incrementalAlterConfigs(corrections).all().get(30, TimeUnit.SECONDS);
        }
        return findings;
    }
}
