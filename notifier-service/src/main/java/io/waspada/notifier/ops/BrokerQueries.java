package io.waspada.notifier.ops;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/**
 * The Admin client questions the ops sampler asks, each with a deadline: partitions of topics, end offsets as a
 * {@code read_committed} reader sees them, earliest offsets, every group's committed offsets, bytes on disk per topic.
 * What fails for one topic, partition or group is reported to {@code problems} and left out; the rest is answered.
 */
final class BrokerQueries {

    private final Admin admin;
    private final Duration timeout;
    private final Consumer<String> problems;

    BrokerQueries(Admin admin, Duration timeout, Consumer<String> problems) {
        this.admin = admin;
        this.timeout = timeout;
        this.problems = problems;
    }

    /** Partition count per topic, for the topics that exist. */
    Map<String, Integer> partitions(Collection<String> topics) {
        Map<String, Integer> partitions = new TreeMap<>();
        admin.describeTopics(topics).topicNameValues().forEach((topic, future) -> {
            TopicDescription description = get(future, "describe " + topic);
            if (description != null) {
                partitions.put(topic, description.partitions().size());
            }
        });
        return partitions;
    }

    /** End offsets; transactional topics end at the last stable offset, as consumers with read_committed see them. */
    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        return offsets(partitions, OffsetSpec.latest(), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED));
    }

    Map<TopicPartition, Long> earliestOffsets(Collection<TopicPartition> partitions) {
        return offsets(partitions, OffsetSpec.earliest(), new ListOffsetsOptions());
    }

    /** Every consumer-protocol group the broker knows (Streams application ids included) with its listing. */
    List<GroupListing> groups() {
        Collection<GroupListing> all = get(admin.listGroups().all(), "list groups");
        return all == null ? List.of() : all.stream()
                .filter(group -> group.type().map(type -> type != GroupType.SHARE).orElse(true))
                .sorted((a, b) -> a.groupId().compareTo(b.groupId())).toList();
    }

    /** Committed offsets per group (partitions without one are left out). */
    Map<String, Map<TopicPartition, Long>> committed(Collection<String> groups) {
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, Long>> committed = new TreeMap<>();
        if (specs.isEmpty()) {
            return committed;
        }
        ListConsumerGroupOffsetsResult result = admin.listConsumerGroupOffsets(specs);
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = get(result.partitionsToOffsetAndMetadata(group),
                    "committed offsets of " + group);
            Map<TopicPartition, Long> ofGroup = new HashMap<>();
            if (offsets != null) {
                offsets.forEach((tp, offset) -> {
                    if (offset != null) {
                        ofGroup.put(tp, offset.offset());
                    }
                });
            }
            committed.put(group, ofGroup);
        }
        return committed;
    }

    /** Bytes on disk per topic, summed over every broker's log directories (so over all replicas). */
    Map<String, Long> sizes() {
        Collection<Node> nodes = get(admin.describeCluster().nodes(), "describe cluster");
        Map<String, Long> sizes = new TreeMap<>();
        if (nodes == null) {
            return sizes;
        }
        var dirs = get(admin.describeLogDirs(nodes.stream().map(Node::id).toList()).allDescriptions(), "describe log dirs");
        if (dirs != null) {
            dirs.values().forEach(ofBroker -> ofBroker.values().forEach(dir -> dir.replicaInfos().forEach(
                    (TopicPartition tp, ReplicaInfo replica) -> {
                        if (!replica.isFuture()) {
                            sizes.merge(tp.topic(), replica.size(), Long::sum);
                        }
                    })));
        }
        return sizes;
    }

    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec,
            ListOffsetsOptions options) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (request.isEmpty()) {
            return offsets;
        }
        ListOffsetsResult result = admin.listOffsets(request, options);
        for (TopicPartition tp : partitions) {
            ListOffsetsResult.ListOffsetsResultInfo info = get(result.partitionResult(tp), "offsets of " + tp);
            if (info != null) {
                offsets.put(tp, info.offset());
            }
        }
        return offsets;
    }

    private <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.accept(what + ": interrupted");
        } catch (ExecutionException e) {
            problems.accept(what + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            problems.accept(what + ": no answer within " + timeout);
        }
        return null;
    }
}
