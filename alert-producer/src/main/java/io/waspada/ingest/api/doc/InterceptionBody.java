package io.waspada.ingest.api.doc;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of POST /api/v1/interceptions (EventReader). */
@Schema(name = "Interception", description = "An agency stopped, rescued, detained or denied entry: a sighting's fields plus outcome, personsCount and caseReference. Unknown fields are refused (422).", additionalProperties = Schema.False.class)
public record InterceptionBody(
        @Schema(required = true, format = "uuid", maxLength = 36, description = "Chosen by the agency, unique per event; "
                + "resending the same eventId with the same content is safe (idempotent)",
                example = "8d3c1d0e-6c5a-4a53-9a4e-1f0f1c1d2e3f")
        String eventId,
        @Schema(enumeration = {"INTERCEPTION"}, description = "Optional here; must match the endpoint")
        String kind,
        @Schema(maxLength = 32, description = "Optional; when given it must be the caller's own agency (else 403)",
                example = "IMMIGRATION")
        String agency,
        @Schema(required = true, format = "date-time", maxLength = 40, description = "When it was observed (ISO-8601 "
                + "with Z or an offset); at most 5 minutes in the future", example = "2026-11-20T03:15:00Z")
        String observedAt,
        @Schema(required = true)
        LocationBody location,
        @Schema(required = true, minItems = 1, maxItems = 50)
        List<SubjectBody> subjects,
        @Schema(maxItems = 28, description = "Repeats are merged")
        List<Indicator> indicators,
        @Schema(enumeration = {"INBOUND", "OUTBOUND", "INTERNAL", "UNKNOWN"}, defaultValue = "UNKNOWN")
        String direction,
        @Schema(minLength = 1, maxLength = 2000, description = "Free text; identifier-shaped values in it are masked")
        String notes,
        @Schema(required = true, enumeration = {"H0", "H1", "H2", "H3"}, description = "Handling code: H0 law-enforcement "
                + "use only, H1 not for judicial proceedings without consent, H2 no onward dissemination without "
                + "consent, H3 other restrictions")
        String handling,
        @Schema(enumeration = {"A", "B", "C", "X"}, defaultValue = "X", description = "Source reliability")
        String sourceReliability,
        @Schema(minimum = "1", maximum = "4", defaultValue = "4", description = "Information accuracy, 1 (confirmed) to 4")
        Integer informationAccuracy,
        @Schema(required = true, enumeration = {"RESCUED", "ARRESTED", "DETAINED", "DENIED_ENTRY", "SEIZED"})
        String outcome,
        @Schema(minimum = "0", maximum = "100000", description = "How many persons; default: the PERSON subjects")
        Integer personsCount,
        @Schema(minLength = 1, maxLength = 100, description = "The agency's own case reference")
        String caseReference,
        @Schema(maxItems = 4, description = "Jurisdiction flags, no two alike; the agency on each is the caller")
        List<FlagBody> flags) {
}
