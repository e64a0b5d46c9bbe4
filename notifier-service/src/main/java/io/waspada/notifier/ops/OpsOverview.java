package io.waspada.notifier.ops;

import java.time.Instant;
import java.util.List;

/**
 * What the ops page shows, as sampled at {@code sampledAt} (taking {@code sampleMillis}): topics, consumer groups' lag, dead-letter queues, rule
 * hits over the last hour, each service's health, and what could not be sampled ({@code errors}). Immutable.
 */
public record OpsOverview(Instant sampledAt, double sampleIntervalSeconds, long sampleMillis, List<TopicFigures> topics,
        List<GroupLag> groups, List<DlqFigures> dlq, RuleHits.Series ruleHits, List<ServiceHealth> services,
        List<String> errors) {

    public OpsOverview {
        topics = List.copyOf(topics);
        groups = List.copyOf(groups);
        dlq = List.copyOf(dlq);
        services = List.copyOf(services);
        errors = List.copyOf(errors);
    }

    /** Before the first sample: nothing known yet. */
    public static OpsOverview empty(RuleHits.Series ruleHits) {
        return new OpsOverview(null, 0, 0, List.of(), List.of(), List.of(), ruleHits, List.of(), List.of("not sampled yet"));
    }

    /** One topic: partitions, messages per second since the previous sample, messages held, bytes on disk (all replicas). */
    public record TopicFigures(String topic, int partitions, double messagesPerSecond, long messages, long sizeBytes) {
    }

    /** One consumer group (a Streams application id is one too): its state and lag per topic it committed on. */
    public record GroupLag(String group, String type, String state, long totalLag, List<TopicLag> topics) {

        public GroupLag {
            topics = List.copyOf(topics);
        }
    }

    /** Lag of one group on one topic; {@code growing} if it is higher than at the previous sample. */
    public record TopicLag(String topic, long lag, boolean growing) {
    }

    /** A dead-letter topic: how many letters wait there, and the latest ones' reasons, newest first. */
    public record DlqFigures(String topic, long depth, List<DeadLetterReason> latest) {

        public DlqFigures {
            latest = List.copyOf(latest);
        }
    }

    /** Why one record was dead-lettered: when, the reason code, where it came from, and the detail. */
    public record DeadLetterReason(Instant at, String reason, String source, String detail) {
    }

    /** One service's {@code /q/health}: UP, DOWN or UNREACHABLE, and the names of the checks that failed. */
    public record ServiceHealth(String name, String url, String status, List<String> failingChecks, String detail) {

        public ServiceHealth {
            failingChecks = List.copyOf(failingChecks);
        }
    }
}
