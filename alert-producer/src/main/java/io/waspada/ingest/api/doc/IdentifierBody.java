package io.waspada.ingest.api.doc;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One identifier (IdentifierReader): normalised by its scheme, then replaced by a keyed-hash token. */
@Schema(name = "Identifier", description = "An identifier as the agency knows it. It is normalised by its scheme and "
        + "replaced by a keyed-hash token at once: the raw value never reaches Kafka, logs or alerts.",
        additionalProperties = Schema.False.class)
public record IdentifierBody(
        @Schema(required = true, enumeration = {"PASSPORT", "NATIONAL_ID", "MMSI", "IMO", "PLATE", "PHONE", "COMPANY_REG",
                "OTHER"}, example = "PASSPORT")
        String scheme,
        @Schema(required = true, minLength = 1, maxLength = 64, description = "The raw value. Checked by scheme: PASSPORT "
                + "5-20 letters or digits; NATIONAL_ID 4-24 (12 digits for MY, 16 for ID); MMSI 9 digits starting 2-7; "
                + "IMO 7 digits with a valid check digit; PLATE 2-12; PHONE E.164 (+ and 8-15 digits) or national with "
                + "an issuer; COMPANY_REG 3-30; OTHER 1-64 characters. Spaces and dashes are ignored.",
                example = "C1234567")
        String value,
        @Schema(pattern = "^[A-Z]{2}$", description = "ISO 3166-1 alpha-2 country that issued it", example = "ID")
        String issuer) {
}
