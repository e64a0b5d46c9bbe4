package io.waspada.notifier.followup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.followup.FollowUpRequest;
import io.waspada.kafka.KafkaConnection;
import io.waspada.notifier.kafka.CompactedJsonTable;
import io.waspada.notifier.kafka.Readers;
import io.waspada.topics.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every follow-up request's state, on the compacted {@code tip.follow-ups.v1} and mirrored in memory (read from the
 * beginning at start), so requests, answers and deadlines survive a restart. {@link #save} returns once the broker has it.
 */
@ApplicationScoped
public class FollowUpLog {

    private final CompactedJsonTable<FollowUpRequest> requests;

    @Inject
    public FollowUpLog(ObjectMapper json, KafkaConnection kafka, Readers readers) {
        this.requests = new CompactedJsonTable<>(Topics.FOLLOW_UPS, FollowUpRequest.class, json, kafka, readers,
                "notifier-follow-ups");
    }

    /** Reads every request on the topic, then follows it; {@code changed} hears each one read after that. */
    public void start(Duration timeout, java.util.function.Consumer<FollowUpRequest> changed)
            throws InterruptedException {
        requests.start(timeout);
        requests.onChange(changed);
    }

    public void start(Duration timeout) throws InterruptedException {
        start(timeout, request -> { });
    }

    public FollowUpRequest save(FollowUpRequest request) {
        requests.put(request.requestId(), request);
        return request;
    }

    public Optional<FollowUpRequest> get(String requestId) {
        return requests.get(requestId);
    }

    /** The requests about one alert, oldest first. */
    public List<FollowUpRequest> ofAlert(String alertId) {
        return requests.values().stream().filter(r -> alertId.equals(r.alertId()))
                .sorted(Comparator.comparing(FollowUpRequest::askedAt)).toList();
    }

    /** Open requests past their deadline at {@code now} that have not been reminded yet. */
    public List<FollowUpRequest> overdue(java.time.Instant now) {
        return requests.values().stream().filter(r -> r.open() && r.remindedAt() == null && !now.isBefore(r.deadline()))
                .toList();
    }

    /** Every request held. */
    public java.util.Collection<FollowUpRequest> all() {
        return java.util.List.copyOf(requests.values());
    }

    /** Tombstones the request on the topic (the broker has it when this returns) and drops it here. */
    public void forget(String requestId) {
        requests.remove(requestId);
    }

    @PreDestroy
    public void close() throws InterruptedException {
        requests.close();
    }
}
