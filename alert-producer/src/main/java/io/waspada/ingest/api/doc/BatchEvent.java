package io.waspada.ingest.api.doc;

import org.eclipse.microprofile.openapi.annotations.media.DiscriminatorMapping;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One item of a batch: a sighting or an interception, told apart by {@code kind}, which a batch item must have. */
@Schema(name = "BatchEvent", description = "A sighting or an interception; in a batch, kind is required.",
        oneOf = {SightingBody.class, InterceptionBody.class}, discriminatorProperty = "kind",
        discriminatorMapping = {@DiscriminatorMapping(value = "SIGHTING", schema = SightingBody.class),
                @DiscriminatorMapping(value = "INTERCEPTION", schema = InterceptionBody.class)})
public interface BatchEvent {
}
