package io.waspada.correlation.cluster;

import io.waspada.correlation.cluster.ClusterSample.GroupTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * One look at the cluster through the Admin client, as a fixed, small number of round trips whatever the traffic:
 * describe the cluster (its live brokers), describe the platform's topics (replicas, in-sync replicas and leader of
 * each partition), list the groups, fetch at most {@code maxGroups} groups' committed offsets in one request, and the
 * end offsets of the partitions they committed on in one more ({@code read_committed}: a transactional topic ends at
 * its last stable offset, as its consumers see it). Each answer is awaited at most {@code timeout}. What is not
 * answered for one topic, group or partition is left out and reported in the sample's problems; when the cluster does
 * not answer at all, the sample says so and nothing else is asked.
 */
final class ClusterSampler {

    private final Admin admin;
    private final Duration timeout;
    private final List<String> topics;
    private final int maxGroups;

    ClusterSampler(Admin admin, Duration timeout, List<String> topics, int maxGroups) {
        this.admin = admin;
        this.timeout = timeout;
        this.topics = List.copyOf(topics);
        this.maxGroups = maxGroups;
    }

    ClusterSample sample() {
        List<String> problems = new ArrayList<>();
        Collection<Node> brokers = get(admin.describeCluster().nodes(), "describe cluster", problems);
        if (brokers == null) {
            return ClusterSample.unreachable(problems);
        }
        int[] replication = replication(problems);
        int before = problems.size();
        Map<GroupTopic, Long> lag = lag(problems);
        return new ClusterSample(true, brokers.size(), replication[0], replication[1], lag,
                problems.size() == before, problems);
    }

    /** Under-replicated and leaderless partitions over the platform's topics that could be described. */
    private int[] replication(List<String> problems) {
        int underReplicated = 0;
        int offline = 0;
        for (var topic : admin.describeTopics(topics).topicNameValues().entrySet()) {
            TopicDescription description = get(topic.getValue(), "describe " + topic.getKey(), problems);
            if (description == null) {
                continue;
            }
            for (TopicPartitionInfo partition : description.partitions()) {
                if (partition.isr().size() < partition.replicas().size()) {
                    underReplicated++;
                }
                if (partition.leader() == null || partition.leader().isEmpty()) {
                    offline++;
                }
            }
        }
        return new int[] {underReplicated, offline};
    }

    private Map<GroupTopic, Long> lag(List<String> problems) {
        Collection<GroupListing> listed = get(admin.listGroups().all(), "list groups", problems);
        if (listed == null) {
            return Map.of();
        }
        List<String> groups = listed.stream()
                .filter(group -> group.type().map(type -> type != GroupType.SHARE).orElse(true))
                .map(GroupListing::groupId).sorted(Comparator.naturalOrder()).toList();
        if (groups.size() > maxGroups) {
            problems.add((groups.size() - maxGroups) + " groups beyond waspada.cluster.max-groups (" + maxGroups
                    + ") not sampled, from " + groups.get(maxGroups));
            groups = groups.subList(0, maxGroups);
        }
        Map<String, Map<TopicPartition, Long>> committed = committed(groups, problems);
        Set<TopicPartition> partitions = new HashSet<>();
        committed.values().forEach(offsets -> partitions.addAll(offsets.keySet()));
        Map<TopicPartition, Long> ends = endOffsets(partitions, problems);
        Map<GroupTopic, Long> lag = new TreeMap<>(Comparator.comparing(GroupTopic::group)
                .thenComparing(GroupTopic::topic));
        committed.forEach((group, offsets) -> offsets.forEach((tp, offset) -> {
            Long end = ends.get(tp);
            if (end != null) {
                lag.merge(new GroupTopic(group, tp.topic()), Math.max(0, end - offset), Long::sum);
            }
        }));
        return lag;
    }

    /** Committed offsets per group (partitions without one are left out), all groups in one request. */
    private Map<String, Map<TopicPartition, Long>> committed(List<String> groups, List<String> problems) {
        Map<String, Map<TopicPartition, Long>> committed = new TreeMap<>();
        if (groups.isEmpty()) {
            return committed;
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
        ListConsumerGroupOffsetsResult result = admin.listConsumerGroupOffsets(specs);
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = get(result.partitionsToOffsetAndMetadata(group),
                    "committed offsets of " + group, problems);
            if (offsets != null) {
                Map<TopicPartition, Long> ofGroup = new HashMap<>();
                offsets.forEach((tp, offset) -> {
                    if (offset != null) {
                        ofGroup.put(tp, offset.offset());
                    }
                });
                committed.put(group, ofGroup);
            }
        }
        return committed;
    }

    private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions, List<String> problems) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        if (partitions.isEmpty()) {
            return ends;
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        ListOffsetsResult result = admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED));
        for (TopicPartition tp : partitions) {
            ListOffsetsResult.ListOffsetsResultInfo info = get(result.partitionResult(tp), "end offset of " + tp,
                    problems);
            if (info != null) {
                ends.put(tp, info.offset());
            }
        }
        return ends;
    }

    private <T> T get(KafkaFuture<T> future, String what, List<String> problems) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add(what + ": interrupted");
        } catch (ExecutionException e) {
            problems.add(what + ": " + e.getCause());
        } catch (TimeoutException e) {
            problems.add(what + ": no answer within " + timeout);
        }
        return null;
    }
}
