package io.waspada.correlation.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem document ({@code application/problem+json}), naming the offending field where there is one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "An RFC 9457 problem (application/problem+json)",
        requiredProperties = {"type", "title", "status"})
public record Problem(
        @Schema(description = "about:blank: the title says what kind of problem it is") String type,
        String title,
        @Schema(minimum = "400", maximum = "599") int status,
        String detail,
        @Schema(description = "The offending request field, when there is one") String field,
        @Schema(description = "A rule document's line of its first problem", minimum = "1") Integer line,
        @Schema(description = "A rule document's problems, each 'line N: what'") java.util.List<String> problems) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** With a rule document's problems. */
    static Response response(int status, String title, String detail, String field, Integer line,
            java.util.List<String> problems) {
        return Response.status(status).type(MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, field, line, problems)).build();
    }

    static Response response(int status, String title, String detail, String field) {
        return Response.status(status).type(MEDIA_TYPE).entity(new Problem("about:blank", title, status, detail, field,
                null, null))
                .build();
    }
}
