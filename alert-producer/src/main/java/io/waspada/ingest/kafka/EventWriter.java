package io.waspada.ingest.kafka;

import io.waspada.avro.EventKind;
import io.waspada.avro.Interception;
import io.waspada.avro.Sighting;
import io.waspada.ingest.domain.IngestEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Writes a validated event to its topic keyed by eventId (so a resend lands in the same partition), once per eventId:
 * a post of an eventId already written, or being written, writes nothing and is answered when that write is
 * acknowledged, as a resend if its content {@link Fingerprint} is the same and a conflict if not; if that write
 * fails, the post was no resend and writes the event itself. Completes only after the broker's acknowledgement.
 * <p>
 * A {@link Batch} claims its eventIds under one lock and hears of each write through a callback, not a
 * chain of futures per item; an eventId repeated in it waits for its first copy as any other post would.
 */
public final class EventWriter {

    /** What a batch is told of each of its events, exactly once each, on whichever thread settled it. */
    @FunctionalInterface
    public interface Outcomes {
        /** The event at {@code index} was written (or was a resend, or a conflict), or failed ({@code outcome} null). */
        void settled(int index, WriteOutcome outcome, Throwable failure);
    }

    private static final ThreadLocal<EventEncoding> ENCODING = ThreadLocal.withInitial(EventEncoding::new);

    private final EventPublisher publisher;
    private final RecentEvents recent;

    public EventWriter(EventPublisher publisher, RecentEvents recent) {
        Fingerprint.requireReceivedAtLast(Sighting.getClassSchema());
        Fingerprint.requireReceivedAtLast(Interception.getClassSchema());
        this.publisher = publisher;
        this.recent = recent;
    }

    public CompletionStage<WriteOutcome> write(IngestEvent event) {
        EncodedEvent encoded;
        try {
            encoded = ENCODING.get().encode(event);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return write(encoded, recent.claim(encoded.eventId, encoded.content));
    }

    /** A batch of {@code size} events to write; {@code outcomes} hears of each (by its index) once it is settled. */
    public Batch batch(int size, Outcomes outcomes) {
        return new Batch(size, outcomes);
    }

    /**
     * The events of a batch: each is encoded when {@link #add}ed, while its record is still in the processor's
     * cache (encoding a thousand records read earlier cost twice as much), and all are claimed under one lock and
     * sent by {@link #write}.
     */
    public final class Batch {

        private final EventEncoding encoding = new EventEncoding();
        private final EncodedEvent[] encoded;
        private final String[] eventIds;
        private final Fingerprint[] contents;
        private final Outcomes outcomes;

        private Batch(int size, Outcomes outcomes) {
            this.encoded = new EncodedEvent[size];
            this.eventIds = new String[size];
            this.contents = new Fingerprint[size];
            this.outcomes = outcomes;
        }

        /** The event at {@code index}, to be written; an event that cannot be encoded is told its failure at once. */
        public void add(int index, IngestEvent event) {
            try {
                encoded[index] = encoding.encode(event);
            } catch (RuntimeException e) {
                outcomes.settled(index, null, e);
                return;
            }
            eventIds[index] = encoded[index].eventId;
            contents[index] = encoded[index].content;
        }

        /** Writes the events added; each one's outcome may be told before this returns. */
        public void write() {
            RecentEvents.Claim[] claims = recent.claimAll(eventIds, contents);
            // Closed however the loop ends: writes to a topic not known yet go to the producer only then.
            try (EventPublisher.Sends sends = publisher.sends()) {
                for (int i = 0; i < claims.length; i++) {
                    if (claims[i] != null) {
                        write(sends, i, claims[i]);
                    }
                    encoded[i] = null;
                }
            }
        }

        /** Writes item {@code index}, or waits for its eventId's write; settled and answered whatever happens. */
        private void write(EventPublisher.Sends sends, int index, RecentEvents.Claim claim) {
            if (claim.mine()) {
                send(sends, encoded[index], new Item(claim, index, outcomes));
                return;
            }
            try {
                waitFor(encoded[index], claim).whenComplete((outcome, failure) ->
                        outcomes.settled(index, outcome, failure == null ? null : unwrapped(failure)));
            } catch (RuntimeException e) {
                outcomes.settled(index, null, e);
            }
        }
    }

    private CompletableFuture<WriteOutcome> write(EncodedEvent event, RecentEvents.Claim claim) {
        if (!claim.mine()) {
            return waitFor(event, claim);
        }
        Single single = new Single(claim);
        try (EventPublisher.Sends sends = publisher.sends()) {
            send(sends, event, single);
        }
        return single.outcome;
    }

    private static void send(EventPublisher.Sends sends, EncodedEvent event, ClaimedWrite write) {
        try {
            sends.add(event.topic, event.eventId, event.bytes, write);
        } catch (RuntimeException e) {
            // Not expected (the publisher tells the delivery of every failure), but a claim left unsettled would
            // hold its eventId forever.
            write.settled(null, e);
        }
    }

    /**
     * The write of a claimed event: once the broker answered, settles the claim (the eventId is remembered, or free
     * again) and then tells its post. One object per write, however it is told.
     */
    private abstract class ClaimedWrite implements EventPublisher.Delivery {

        private final RecentEvents.Claim claim;

        ClaimedWrite(RecentEvents.Claim claim) {
            this.claim = claim;
        }

        @Override
        public final void settled(Written written, Throwable failure) {
            recent.settle(claim, written, failure);
            done(failure == null ? WriteOutcome.fresh(written) : null, failure);
        }

        abstract void done(WriteOutcome outcome, Throwable failure);
    }

    /** A single post's write: completes its future. */
    private final class Single extends ClaimedWrite {

        final CompletableFuture<WriteOutcome> outcome = new CompletableFuture<>();

        Single(RecentEvents.Claim claim) {
            super(claim);
        }

        @Override
        void done(WriteOutcome written, Throwable failure) {
            if (failure == null) {
                outcome.complete(written);
            } else {
                outcome.completeExceptionally(failure);
            }
        }
    }

    /** A batch item's write: tells the batch, by the item's index. */
    private final class Item extends ClaimedWrite {

        private final int index;
        private final Outcomes outcomes;

        Item(RecentEvents.Claim claim, int index, Outcomes outcomes) {
            super(claim);
            this.index = index;
            this.outcomes = outcomes;
        }

        @Override
        void done(WriteOutcome outcome, Throwable failure) {
            outcomes.settled(index, outcome, failure);
        }
    }

    /** A post of an eventId written or being written by another: a resend or a conflict, or a write if that one failed. */
    private CompletableFuture<WriteOutcome> waitFor(EncodedEvent event, RecentEvents.Claim claim) {
        boolean same = claim.fingerprint().equals(event.content);
        // Runs where the first write settles (an acknowledgement thread); a retry's send never blocks (EventPublisher).
        return claim.written().handle((written, failure) -> failure == null
                ? CompletableFuture.completedFuture(same ? WriteOutcome.resend(written) : WriteOutcome.conflicting(written))
                : write(event, recent.claim(event.eventId, event.content))).thenCompose(Function.identity());
    }

    private static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
