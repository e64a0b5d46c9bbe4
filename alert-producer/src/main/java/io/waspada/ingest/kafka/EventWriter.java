package io.waspada.ingest.kafka;

import io.waspada.avro.EventKind;
import io.waspada.avro.Interception;
import io.waspada.avro.Sighting;
import io.waspada.ingest.domain.IngestEvent;
import io.waspada.topics.Topic;
import io.waspada.topics.Topics;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Writes a validated event to its topic keyed by eventId (so a resend lands in the same partition), once per eventId:
 * a post of an eventId already written, or being written, writes nothing and is answered when that write is
 * acknowledged, as a resend if its content {@link Fingerprint} is the same and a conflict if not; if that write
 * fails, the post was no resend and writes the event itself. Completes only after the broker's acknowledgement.
 */
public final class EventWriter {

    private final EventPublisher publisher;
    private final RecentEvents recent;

    public EventWriter(EventPublisher publisher, RecentEvents recent) {
        Fingerprint.requireReceivedAtLast(Sighting.getClassSchema());
        Fingerprint.requireReceivedAtLast(Interception.getClassSchema());
        this.publisher = publisher;
        this.recent = recent;
    }

    public CompletionStage<WriteOutcome> write(IngestEvent event) {
        return event.kind() == EventKind.INTERCEPTION
                ? write(event, Topics.INTERCEPTIONS, (Interception) event.value(), ((Interception) event.value()).getReceivedAt())
                : write(event, Topics.SIGHTINGS, (Sighting) event.value(), ((Sighting) event.value()).getReceivedAt());
    }

    private <V> CompletableFuture<WriteOutcome> write(IngestEvent event, Topic<String, V> topic, V value,
            Instant receivedAt) {
        byte[] encoded;
        try {
            encoded = topic.valueSerde().serializer().serialize(topic.name(), value);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return write(event.eventId(), topic.name(), encoded, Fingerprint.of(encoded, receivedAt));
    }

    private CompletableFuture<WriteOutcome> write(String eventId, String topic, byte[] encoded, Fingerprint content) {
        RecentEvents.Claim claim = recent.claim(eventId, content);
        if (claim.mine()) {
            publisher.sendEncoded(topic, eventId, encoded).whenComplete((written, failure) ->
                    recent.settle(eventId, claim, written, unwrapped(failure)));
            return claim.written().thenApply(WriteOutcome::fresh);
        }
        boolean same = claim.fingerprint().equals(content);
        // Runs where the first write settles (an acknowledgement thread); a retry's send never blocks (EventPublisher).
        return claim.written().handle((written, failure) -> failure == null
                ? CompletableFuture.completedFuture(same ? WriteOutcome.resend(written) : WriteOutcome.conflicting(written))
                : write(eventId, topic, encoded, content)).thenCompose(Function.identity());
    }

    private static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
