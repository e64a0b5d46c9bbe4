package io.waspada.ingest.api.doc;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code location}: where it happened (LocationReader). */
@Schema(name = "Location", description = "Where it happened: WGS84 coordinates, country, region and optional site.",
        additionalProperties = Schema.False.class)
public record LocationBody(
        @Schema(required = true, minimum = "-90", maximum = "90", description = "WGS84 latitude", example = "6.43")
        double lat,
        @Schema(required = true, minimum = "-180", maximum = "180", description = "WGS84 longitude", example = "100.42")
        double lon,
        @Schema(required = true, pattern = "^[A-Z]{2}$", description = "ISO 3166-1 alpha-2 country code, upper case",
                example = "MY")
        String country,
        @Schema(required = true, pattern = "^[A-Za-z0-9_]{2,40}$",
                description = "State or province code (stored upper case)", example = "KEDAH")
        String region,
        @Schema(pattern = "^[A-Za-z0-9_]{2,40}$", description = "Site code such as a border crossing or port "
                + "(BUKIT_KAYU_HITAM, PADANG_BESAR, TEBEDU, TAWAU, KLIA, ...); an unknown site is accepted as an inland place",
                example = "BUKIT_KAYU_HITAM")
        String site) {
}
