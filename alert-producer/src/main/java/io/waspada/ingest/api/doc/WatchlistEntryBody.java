package io.waspada.ingest.api.doc;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code PUT /api/v1/watchlist/{id}} (WatchlistReader). */
@Schema(name = "WatchlistEntry", description = "An identifier the calling agency wants to hear about; the caller owns "
        + "the entry. Unknown fields are refused (422).", additionalProperties = Schema.False.class)
public record WatchlistEntryBody(
        @Schema(required = true)
        IdentifierBody identifier,
        @Schema(required = true, minLength = 1, maxLength = 500, description = "Why; identifier-shaped values in it are masked")
        String reason,
        @Schema(required = true, enumeration = {"LOW", "MEDIUM", "HIGH", "CRITICAL"}, description = "Severity of a hit")
        String severity,
        @Schema(format = "date-time", maxLength = 40, description = "Optional; must be in the future. After it, the entry "
                + "no longer matches")
        String expiresAt,
        @Schema(maxLength = 32, description = "Optional; when given it must be the caller's own agency (else 403)")
        String owningAgency,
        @Schema(maxItems = 4, description = "Jurisdiction flags, no two alike; a hit carries them into its alert")
        List<FlagBody> flags) {
}
