package io.waspada.ingest.domain;

import io.waspada.avro.EventKind;
import org.apache.avro.specific.SpecificRecord;

/**
 * A validated, pseudonymised agency event ready for Kafka: a {@code Sighting} or {@code Interception}.
 * {@code fingerprint} hashes its content without {@code receivedAt}, so a resend of the same event matches.
 */
public record IngestEvent(EventKind kind, String eventId, SpecificRecord value, int fingerprint) {
}
