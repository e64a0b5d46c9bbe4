package io.waspada.ingest.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waspada.ingest.domain.Violation;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem document ({@code application/problem+json}), with the violated fields where there are any. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "An RFC 9457 problem (application/problem+json); violations name each field "
        + "that broke the contract. Never echoes an identifier's value.", requiredProperties = {"type", "title", "status"})
public record Problem(
        @Schema(format = "uri", description = "Identifies the kind of problem", example = "https://waspada.io/problems/validation")
        String type,
        @Schema(description = "Short summary of the kind of problem")
        String title,
        @Schema(minimum = "400", maximum = "599", description = "The HTTP status")
        int status,
        @Schema(description = "What went wrong with this request")
        String detail,
        @Schema(description = "The fields that broke the contract (absent when none)")
        List<Violation> violations) {
}
