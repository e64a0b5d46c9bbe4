package io.waspada.notifier.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem document ({@code application/problem+json}) naming the offending field. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "An RFC 9457 problem (application/problem+json)",
        requiredProperties = {"type", "title", "status"})
public record Problem(@Schema(description = "about:blank: the title says what kind of problem it is") String type,
        String title, @Schema(minimum = "400", maximum = "599") int status, String detail,
        @Schema(description = "The offending request field or parameter, when there is one") String field) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response badRequest(String field, String detail) {
        return response(new Problem("about:blank", "Invalid request", 400, detail, field));
    }

    public static Response unauthorized(String detail) {
        return response(new Problem("about:blank", "Unauthorized", 401, detail, null));
    }

    public static Response forbidden(String detail) {
        return response(new Problem("about:blank", "Forbidden", 403, detail, null));
    }

    public static Response notFound(String detail) {
        return response(new Problem("about:blank", "Not found", 404, detail, null));
    }

    public static Response conflict(String detail) {
        return response(new Problem("about:blank", "Conflict", 409, detail, null));
    }

    public static Response unavailable(String detail) {
        return Response.status(503).type(MEDIA_TYPE).header("Retry-After", "5")
                .entity(new Problem("about:blank", "Service unavailable", 503, detail, null)).build();
    }

    /** 429 with {@code Retry-After} in whole seconds, rounded up (at least 1). */
    public static Response tooManyRequests(String detail, java.time.Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return Response.status(429).type(MEDIA_TYPE).header("Retry-After", Long.toString(seconds))
                .entity(new Problem("about:blank", "Too many requests", 429, detail, null)).build();
    }

    private static Response response(Problem problem) {
        return Response.status(problem.status()).type(MEDIA_TYPE).entity(problem).build();
    }
}
