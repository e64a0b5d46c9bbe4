package io.waspada.ingest.inbox;

import io.waspada.avro.EventKind;
import io.waspada.inbox.AgencyReport;
import io.waspada.ingest.api.Problems;
import io.waspada.ingest.domain.EventReader;
import io.waspada.ingest.domain.EventReading;
import io.waspada.ingest.domain.Violation;
import io.waspada.schemas.AvroSerde;
import java.util.List;

/**
 * Reads one inbox record for the agency whose inbox it came from: decodes the {@code AgencyReport}, then validates and
 * pseudonymises it exactly as the HTTP API does a JSON body ({@link EventReader}). Pure and thread-safe; nothing is
 * written here. A refusal never echoes a value of the record (it may be a raw identifier).
 */
final class InboxReader {

    private final AvroSerde<AgencyReport> reports;
    private final EventReader events;

    InboxReader(AvroSerde<AgencyReport> reports, EventReader events) {
        this.reports = reports;
        this.events = events;
    }

    InboxVerdict read(byte[] value, String agency) {
        if (value == null || value.length == 0) {
            return undecodable("the record has no value");
        }
        AgencyReport report;
        try {
            report = reports.deserialize("inbox", value);
        } catch (RuntimeException e) {
            return undecodable("not an AgencyReport in Avro single-object encoding (C3 01, the schema's CRC-64-AVRO "
                    + "fingerprint, the body) of a schema version Waspada knows");
        }
        String eventId = uuidOrNull(report.getEventId());
        EventKind kind = kind(report.getKind());
        if (kind == null) {
            return new InboxVerdict.Refused(null, eventId, Problems.invalid(List.of(new Violation("kind", "enum",
                    "must be one of [INTERCEPTION, SIGHTING]"))));
        }
        EventReading reading = events.read(kind, ReportJson.of(report), agency);
        if (reading instanceof EventReading.Valid valid) {
            return new InboxVerdict.Accepted(valid.event());
        }
        if (reading instanceof EventReading.Invalid invalid) {
            return new InboxVerdict.Refused(kind.name(), eventId, Problems.invalid(invalid.violations()));
        }
        // The report has no agency field, so it cannot speak for another agency; refused all the same if it ever did.
        return new InboxVerdict.Refused(kind.name(), eventId,
                Problems.foreignAgency(((EventReading.ForeignAgency) reading).field()));
    }

    /** The reject is keyed by the eventId only if it is one: a wrong value in that field may be anything. */
    private static String uuidOrNull(String eventId) {
        try {
            return eventId != null && eventId.length() == 36 ? java.util.UUID.fromString(eventId).toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static EventKind kind(String kind) {
        return "SIGHTING".equals(kind) ? EventKind.SIGHTING : "INTERCEPTION".equals(kind) ? EventKind.INTERCEPTION : null;
    }

    private static InboxVerdict undecodable(String detail) {
        return new InboxVerdict.Refused(null, null, Problems.problem(400, "undecodable-report",
                "The record is not an AgencyReport", detail + "; nothing was written",
                List.of(new Violation("$", "avro", detail))));
    }
}
