package io.waspada.ingest.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One thing wrong with a request: the JSON path of the field ({@code subjects[1].identifiers[0].value}),
 * the rule it broke ({@code required}, {@code enum}, {@code range}, ...) and a message for the client.
 * Messages never echo an identifier's value, so they are safe to log.
 */
@Schema(name = "Violation", description = "One field that broke the contract", requiredProperties = {"field", "rule", "message"})
public record Violation(
        @Schema(description = "JSON path of the field; $ for the whole body", example = "subjects[1].identifiers[0].value")
        String field,
        @Schema(description = "The rule it broke: required, type, enum, range, max-length, min-items, max-items, "
                + "unknown-field, uuid, date-time, not-future, iso-3166-alpha-2, code, caller-agency, json, or the "
                + "identifier scheme's rule (passport, e164, mmsi, imo, ...)", example = "required")
        String rule,
        @Schema(description = "For a person to read", example = "is required")
        String message) {
}
