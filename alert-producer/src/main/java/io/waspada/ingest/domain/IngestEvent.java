package io.waspada.ingest.domain;

import io.waspada.avro.EventKind;
import org.apache.avro.specific.SpecificRecord;

/**
 * A validated, pseudonymised agency event ready for Kafka: a {@code Sighting} or {@code Interception}, with
 * {@code receivedAt} set. The writer tells a resend by the SHA-256 of its content without {@code receivedAt}.
 */
public record IngestEvent(EventKind kind, String eventId, SpecificRecord value) {
}
