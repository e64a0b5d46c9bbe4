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
 * Only the instance that owns a request's alert writes it ({@link FollowUps}); a write on a stale state all the same
 * is detected by its revision and its loss undone ({@link RequestRevisions}).
 */
@ApplicationScoped
public class FollowUpLog {

    private final CompactedJsonTable<FollowUpRequest> requests;
    private final RequestRevisions revisions = new RequestRevisions();
    /** The requests of each alert (ids; a request's alert never changes). */
    private final java.util.Map<String, java.util.Set<String>> byAlert = new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    public FollowUpLog(ObjectMapper json, KafkaConnection kafka, Readers readers) {
        this.requests = new CompactedJsonTable<>(Topics.FOLLOW_UPS, FollowUpRequest.class, json, kafka, readers,
                "notifier-follow-ups");
        // Under the table's lock, which save holds too: a state read while this instance writes one is joined into
        // it, never overwritten.
        this.requests.resolveWith((held, read) -> {
            index(read);
            return revisions.read(held, read);
        });
    }

    private void index(FollowUpRequest request) {
        if (request.alertId() != null) {
            byAlert.computeIfAbsent(request.alertId(), a -> java.util.concurrent.ConcurrentHashMap.newKeySet())
                    .add(request.requestId());
        }
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

    /**
     * Writes the request's new state: joined with the state held here (so nothing read meanwhile is lost) at the next
     * revision; returns what was written.
     */
    public FollowUpRequest save(FollowUpRequest request) {
        synchronized (requests) {
            FollowUpRequest held = requests.get(request.requestId()).orElse(null);
            FollowUpRequest next = (held == null ? request : request.joined(held))
                    .atRevision(revisions.next(request.requestId(), held));
            requests.put(next.requestId(), next);
            revisions.written(next.requestId());
            index(next);
            return next;
        }
    }

    /** The requests whose latest record on the topic lost something to a stale write: their owner writes them again. */
    public List<FollowUpRequest> toRewrite() {
        return revisions.conflicts().stream().map(this::get).flatMap(Optional::stream).toList();
    }

    /** Whether a request of the alert was escalated to {@code taskForce}. */
    public boolean escalatedTo(String alertId, String taskForce) {
        return byAlert.getOrDefault(alertId, java.util.Set.of()).stream().map(this::get).flatMap(Optional::stream)
                .anyMatch(r -> r.escalations().contains(taskForce));
    }

    public Optional<FollowUpRequest> get(String requestId) {
        return requests.get(requestId);
    }

    /** The requests about one alert, oldest first. */
    public List<FollowUpRequest> ofAlert(String alertId) {
        return byAlert.getOrDefault(alertId, java.util.Set.of()).stream().map(this::get).flatMap(Optional::stream)
                .sorted(Comparator.comparing(FollowUpRequest::askedAt)).toList();
    }

    /**
     * Open requests due a reminder at {@code now}: the first at the deadline, each next one {@code every} after the
     * previous, at most {@code cap} in all.
     */
    public List<FollowUpRequest> due(java.time.Instant now, java.util.function.Function<FollowUpRequest,
            java.time.Duration> every, int cap) {
        return requests.values().stream().filter(r -> r.open() && r.reminders() < cap && !now.isBefore(
                r.remindedAt() == null ? r.deadline() : r.remindedAt().plus(every.apply(r)))).toList();
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
