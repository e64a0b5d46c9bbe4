package io.waspada.ingest.api.doc;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One jurisdiction flag on an event or watchlist entry (FlagReader). */
@Schema(name = "Flag", description = "What the agency asks of everyone who acts on this record. The alert carries every "
        + "distinct flag of its evidence, strictest first (INFORM_ONLY, COVERT, PROTECT_VICTIM), on every channel.",
        additionalProperties = Schema.False.class)
public record FlagBody(
        @Schema(required = true, enumeration = {"INFORM_ONLY", "COVERT", "PROTECT_VICTIM"}, description = "INFORM_ONLY: "
                + "inform only, do not act in the jurisdiction; COVERT: an operation is running, do not approach the "
                + "subjects; PROTECT_VICTIM: a victim is involved, protect them first", example = "INFORM_ONLY")
        String kind,
        @Schema(minLength = 2, maxLength = 2, description = "INFORM_ONLY only, required there: ISO 3166-1 alpha-2 of the "
                + "country where nobody may act on the record", example = "MY")
        String jurisdiction) {
}
