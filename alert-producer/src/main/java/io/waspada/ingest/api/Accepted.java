package io.waspada.ingest.api;

import io.waspada.ingest.kafka.WriteOutcome;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The 202 answer: where the broker acknowledged the event. {@code duplicate} is true only when this service
 * knows it already wrote the same event (then nothing new was written); false means "not known to be a resend".
 */
@Schema(name = "Accepted", description = "Kafka acknowledged the event (acks=all) at this position",
        requiredProperties = {"eventId", "topic", "partition", "offset", "duplicate"})
public record Accepted(
        @Schema(format = "uuid") String eventId,
        @Schema(enumeration = {"tip.sightings.v1", "tip.interceptions.v1"}) String topic,
        @Schema(minimum = "0") int partition,
        @Schema(minimum = "0") long offset,
        @Schema(description = "True when this service knows it already wrote the same event (nothing new was written); "
                + "false means not known to be a resend") boolean duplicate) {

    static Accepted of(String eventId, WriteOutcome outcome) {
        return new Accepted(eventId, outcome.written().topic(), outcome.written().partition(),
                outcome.written().offset(), outcome.duplicate());
    }
}
