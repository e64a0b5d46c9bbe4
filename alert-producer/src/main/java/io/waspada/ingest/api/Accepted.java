package io.waspada.ingest.api;

import io.waspada.ingest.kafka.WriteOutcome;

/**
 * The 202 answer: where the broker acknowledged the event. {@code duplicate} is true only when this service
 * knows it already wrote the same event (then nothing new was written); false means "not known to be a resend".
 */
public record Accepted(String eventId, String topic, int partition, long offset, boolean duplicate) {

    static Accepted of(String eventId, WriteOutcome outcome) {
        return new Accepted(eventId, outcome.written().topic(), outcome.written().partition(),
                outcome.written().offset(), outcome.duplicate());
    }
}
