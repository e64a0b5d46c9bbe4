package io.waspada.ingest.api.doc;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One subject (SubjectReader). */
@Schema(name = "Subject", description = "A person, vessel, vehicle, document, phone or organisation the event names.",
        additionalProperties = Schema.False.class)
public record SubjectBody(
        @Schema(required = true, enumeration = {"PERSON", "VESSEL", "VEHICLE", "DOCUMENT", "PHONE", "ORGANIZATION"},
                example = "PERSON")
        String type,
        @Schema(enumeration = {"SUSPECTED_VICTIM", "SUSPECTED_FACILITATOR", "WITNESS", "UNKNOWN"}, defaultValue = "UNKNOWN",
                example = "SUSPECTED_VICTIM")
        String role,
        @Schema(pattern = "^[A-Z]{2}$", description = "ISO 3166-1 alpha-2", example = "ID")
        String nationality,
        @Schema(enumeration = {"F", "M", "X", "UNKNOWN"}, example = "F")
        String sex,
        @Schema(enumeration = {"MINOR", "ADULT", "UNKNOWN"}, example = "MINOR")
        String ageBand,
        @Schema(maxItems = 10)
        List<IdentifierBody> identifiers) {
}
