package io.waspada.ingest.api;

import io.waspada.ingest.kafka.KafkaUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into {@code application/problem+json}: malformed JSON (400), framework errors such as a
 * wrong content type (415) or unknown path (404), Kafka unavailable (503 + Retry-After), anything else (500).
 * Logs carry the exception class and message only, never a request body.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response malformed(JsonBody.MalformedJsonException e) {
        return Problems.response(e.problem());
    }

    @ServerExceptionMapper
    public Response unavailable(KafkaUnavailableException e) {
        if (e.refused()) {
            // Thousands a second while Kafka is away; the breaker logs when it opens and closes.
            LOG.debugf("Refused without writing: %s", e.getMessage());
        } else {
            LOG.warnf("Kafka unavailable: %s", e.getMessage());
        }
        return Problems.unavailableResponse(e.detail());
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String title = switch (status) {
            case 415 -> "Unsupported content type";
            case 413 -> "The body is too large";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            default -> e.getResponse().getStatusInfo().getReasonPhrase();
        };
        String detail = status == 415 ? "send Content-Type: application/json" : e.getMessage();
        return Problems.response(status, "http-" + status, title, detail);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof KafkaUnavailableException unavailable) {
            return unavailable(unavailable);
        }
        LOG.errorf(cause, "Unexpected failure: %s: %s", cause.getClass().getName(), cause.getMessage());
        return Problems.response(500, "internal", "Internal error", "the request was not completed; it is safe to resend");
    }
}
