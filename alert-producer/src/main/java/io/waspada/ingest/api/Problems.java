package io.waspada.ingest.api;

import io.waspada.ingest.domain.Violation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Builds the service's error responses, all {@code application/problem+json}, none echoing identifier values. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Seconds a client should wait before resending after a 503. */
    public static final String RETRY_AFTER_SECONDS = "5";
    private static final String TYPE_BASE = "https://waspada.io/problems/";

    private Problems() {
    }

    public static Problem problem(int status, String slug, String title, String detail, List<Violation> violations) {
        return new Problem(TYPE_BASE + slug, title, status, detail, violations);
    }

    public static Response response(Problem problem) {
        return Response.status(problem.status()).type(MEDIA_TYPE).entity(problem).build();
    }

    public static Response response(int status, String slug, String title, String detail) {
        return response(problem(status, slug, title, detail, List.of()));
    }

    public static Problem invalid(List<Violation> violations) {
        return problem(422, "validation", "The request breaks the event contract",
                violations.size() + " field(s) are invalid; nothing was written", violations);
    }

    public static Problem foreignAgency(String field) {
        return problem(403, "foreign-agency", "The body speaks for another agency",
                "'" + field + "' names an agency other than the caller's credential; nothing was written",
                List.of(new Violation(field, "caller-agency", "must be the agency of the credential (or left out)")));
    }

    public static Problem conflict(String eventId) {
        return problem(409, "event-id-conflict", "eventId already used",
                "eventId " + eventId + " was accepted earlier with different content; use a new eventId", List.of());
    }

    public static Problem unavailable(String detail) {
        return problem(503, "kafka-unavailable", "Kafka is unavailable", detail + "; it is safe to resend", List.of());
    }

    public static Response unavailableResponse(String detail) {
        return Response.status(503).type(MEDIA_TYPE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .entity(unavailable(detail)).build();
    }

    public static Response unauthorized() {
        return Response.status(401).type(MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"waspada\"")
                .entity(problem(401, "unauthorized", "Missing or invalid credential",
                        "send Authorization: Bearer <agency API key or JWT>", List.of()))
                .build();
    }
}
