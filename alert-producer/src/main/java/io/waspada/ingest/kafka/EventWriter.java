package io.waspada.ingest.kafka;

import io.waspada.avro.EventKind;
import io.waspada.avro.Interception;
import io.waspada.avro.Sighting;
import io.waspada.ingest.domain.IngestEvent;
import io.waspada.topics.Topics;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Writes a validated event to its topic keyed by eventId (so a resend lands in the same partition) and
 * remembers it; a resend of a remembered event is answered without writing, a different event under a
 * remembered eventId is a conflict. Completes only after the broker's acknowledgement.
 */
public final class EventWriter {

    private final EventPublisher publisher;
    private final RecentEvents recent;

    public EventWriter(EventPublisher publisher, RecentEvents recent) {
        this.publisher = publisher;
        this.recent = recent;
    }

    public CompletionStage<WriteOutcome> write(IngestEvent event) {
        Optional<RecentEvents.Seen> seen = recent.find(event.eventId());
        if (seen.isPresent()) {
            RecentEvents.Seen known = seen.get();
            return CompletableFuture.completedFuture(known.fingerprint() == event.fingerprint()
                    ? WriteOutcome.resend(known.written()) : WriteOutcome.conflicting(known.written()));
        }
        CompletionStage<Written> written = event.kind() == EventKind.INTERCEPTION
                ? publisher.send(Topics.INTERCEPTIONS, event.eventId(), (Interception) event.value())
                : publisher.send(Topics.SIGHTINGS, event.eventId(), (Sighting) event.value());
        return written.thenApply(w -> {
            recent.remember(event.eventId(), event.fingerprint(), w);
            return WriteOutcome.fresh(w);
        });
    }
}
