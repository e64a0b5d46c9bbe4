package io.waspada.correlation.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A refused rule change ({@code application/problem+json}): the field at fault and, for a rule document, the line of
 * its first problem and every problem as {@code line N: what}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "RuleProblem", description = "An RFC 9457 problem about a rule change (application/problem+json)",
        requiredProperties = {"type", "title", "status"})
public record RuleProblem(
        @Schema(description = "about:blank: the title says what kind of problem it is") String type,
        String title,
        @Schema(minimum = "400", maximum = "599") int status,
        String detail,
        @Schema(description = "The offending request field (body: the rule document; activeFrom, mode, to, reason)")
        String field,
        @Schema(description = "The rule document's line of the first problem", minimum = "1") Integer line,
        @Schema(description = "Every problem of the document, each 'line N: what'") List<String> problems) {

    static Response response(RuleChangeRefused refused) {
        return Response.status(refused.status).type(Problem.MEDIA_TYPE).entity(new RuleProblem("about:blank",
                refused.title, refused.status, refused.getMessage(), refused.field, refused.line, refused.problems))
                .build();
    }
}
