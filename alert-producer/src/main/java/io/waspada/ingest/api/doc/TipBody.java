package io.waspada.ingest.api.doc;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of POST /api/v1/tips (TipReader): a reduced sighting; what it is worth is Waspada's to set. */
@Schema(name = "Tip", description = "What a registered civil-society organisation or hotline was told. Unknown fields, "
        + "and the fields Waspada sets for a tip (agency, handling, sourceReliability, informationAccuracy, flags, kind, "
        + "source), are refused (422).", additionalProperties = Schema.False.class)
public record TipBody(
        @Schema(required = true, format = "uuid", maxLength = 36, description = "Chosen by the organisation, unique per "
                + "tip; resending the same eventId with the same content is safe (idempotent)",
                example = "5e0f7a21-9c3b-4d12-8e6f-2a1b3c4d5e6f")
        String eventId,
        @Schema(required = true, format = "date-time", maxLength = 40, description = "When it was observed (ISO-8601 "
                + "with Z or an offset); at most 5 minutes in the future", example = "2026-11-20T03:15:00Z")
        String observedAt,
        @Schema(required = true)
        LocationBody location,
        @Schema(required = true, minItems = 1, maxItems = 10, description = "Identifiers are pseudonymised on arrival, "
                + "like an agency's")
        List<SubjectBody> subjects,
        @Schema(maxItems = 28, description = "Repeats are merged")
        List<Indicator> indicators,
        @Schema(enumeration = {"INBOUND", "OUTBOUND", "INTERNAL", "UNKNOWN"}, defaultValue = "UNKNOWN")
        String direction,
        @Schema(minLength = 1, maxLength = 1000, description = "Free text; identifier-shaped values in it are masked")
        String notes) {
}
