package io.waspada.notifier.ops;

import io.waspada.notifier.ops.OpsOverview.GroupLag;
import io.waspada.notifier.ops.OpsOverview.TopicFigures;
import io.waspada.notifier.ops.OpsOverview.TopicLag;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.common.TopicPartition;

/**
 * One sample of the cluster in, topic and group figures out: per platform topic its rate since the previous sample,
 * messages held and bytes on disk; per group its lag per topic, marked growing when higher than last time. Keeps the
 * previous sample's end offsets and lags; called from one thread only.
 */
final class ClusterSampler {

    private final List<String> topics;
    private Map<TopicPartition, Long> previousEnds = Map.of();
    private Instant previousAt;
    private Map<String, Long> previousLag = Map.of();

    ClusterSampler(List<String> topics) {
        this.topics = List.copyOf(topics);
    }

    /** Figures of one sample, and the platform topics' offsets behind them (for the DLQ depth and tail). */
    record Figures(List<TopicFigures> topics, List<GroupLag> groups, Map<String, Long> held,
            Map<TopicPartition, Long> earliest, Map<TopicPartition, Long> ends) {
    }

    Figures sample(BrokerQueries broker, Instant now) {
        Map<String, Integer> partitionCounts = broker.partitions(topics);
        Set<TopicPartition> platform = new HashSet<>();
        partitionCounts.forEach((topic, count) -> {
            for (int p = 0; p < count; p++) {
                platform.add(new TopicPartition(topic, p));
            }
        });
        List<GroupListing> listings = broker.groups();
        Map<String, Map<TopicPartition, Long>> committed = broker.committed(listings.stream().map(GroupListing::groupId).toList());
        Set<TopicPartition> all = new HashSet<>(platform);
        committed.values().forEach(offsets -> all.addAll(offsets.keySet()));

        Map<TopicPartition, Long> ends = broker.endOffsets(all);
        Map<TopicPartition, Long> platformEnds = new HashMap<>(ends);
        platformEnds.keySet().retainAll(platform);
        Map<TopicPartition, Long> earliest = broker.earliestOffsets(platform);
        Map<String, Long> sizes = broker.sizes();
        Map<String, Double> rates = previousAt == null ? Map.of()
                : OffsetArithmetic.ratesPerTopic(previousEnds, platformEnds, Duration.between(previousAt, now));
        Map<String, Long> held = OffsetArithmetic.heldPerTopic(earliest, platformEnds);
        previousEnds = platformEnds;
        previousAt = now;

        List<TopicFigures> topicFigures = new ArrayList<>();
        partitionCounts.forEach((topic, count) -> topicFigures.add(new TopicFigures(topic, count,
                rates.getOrDefault(topic, 0.0), held.getOrDefault(topic, 0L), sizes.getOrDefault(topic, 0L))));
        return new Figures(topicFigures, lags(listings, committed, ends), held, earliest, platformEnds);
    }

    private List<GroupLag> lags(List<GroupListing> listings, Map<String, Map<TopicPartition, Long>> committed,
            Map<TopicPartition, Long> ends) {
        Map<String, Long> lagNow = new HashMap<>();
        List<GroupLag> groups = new ArrayList<>();
        for (GroupListing listing : listings) {
            Map<String, Long> perTopic = OffsetArithmetic.lagPerTopic(
                    committed.getOrDefault(listing.groupId(), Map.of()), ends);
            List<TopicLag> topicLags = new ArrayList<>();
            perTopic.forEach((topic, lag) -> {
                String key = listing.groupId() + "|" + topic;
                lagNow.put(key, lag);
                topicLags.add(new TopicLag(topic, lag, lag > previousLag.getOrDefault(key, Long.MAX_VALUE)));
            });
            groups.add(new GroupLag(listing.groupId(), listing.type().map(Enum::name).orElse("UNKNOWN"),
                    listing.groupState().map(Enum::name).orElse("UNKNOWN"),
                    perTopic.values().stream().mapToLong(Long::longValue).sum(), topicLags));
        }
        previousLag = lagNow;
        return groups;
    }
}
