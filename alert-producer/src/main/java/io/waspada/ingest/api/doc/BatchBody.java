package io.waspada.ingest.api.doc;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v1/events/batch} (BatchResource). */
@Schema(name = "Batch", description = "Up to 1,000 events, each with kind SIGHTING or INTERCEPTION. A bare JSON array "
        + "of events is accepted too.", additionalProperties = Schema.False.class)
public record BatchBody(
        @Schema(required = true, minItems = 0, maxItems = 1000, description = "More than 1,000 answers 413 and writes nothing")
        List<BatchEvent> events) {
}
