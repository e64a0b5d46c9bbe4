package io.waspada.ingest.api;

import io.waspada.ingest.domain.EventReading;
import io.waspada.ingest.domain.JsonDocument;
import io.waspada.ingest.kafka.EventWriter;
import io.waspada.ingest.tips.TipRateLimit;
import io.waspada.ingest.tips.TipReader;
import io.waspada.ingest.api.doc.TipBody;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * {@code POST /api/v1/tips} (#18): a registered civil-society organisation or hotline reports what it was told, with
 * its own key, rate-limited per organisation. The tip becomes a sighting with {@code source=TIP}, the organisation as
 * its source, the lowest evaluation, identifiers pseudonymised and notes scrubbed like an agency's; 202 only after
 * Kafka acknowledged it, resending the same eventId is safe, 409/422/429 write nothing.
 */
@Path("/api/v1/tips")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "tips", description = "What registered civil-society organisations and hotlines were told")
@SecurityRequirement(name = "agency")
public class TipResource {

    private static final Logger LOG = Logger.getLogger(TipResource.class);
    /** A tip is small: far below the agencies' 2 MiB. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    @Inject
    TipReader reader;

    @Inject
    TipRateLimit rateLimit;

    @Inject
    EventWriter writer;

    @POST
    @Blocking
    @Operation(summary = "Post one tip (registered organisations and hotlines)", description = "Authenticated by the "
            + "organisation's own API key (an agency key is refused here, as an organisation key is on the agency "
            + "endpoints). Low reliability by definition: Waspada sets the evaluation (X/4) and handling (H1); an "
            + "alert resting only on tips waits at a verification desk and never escalates on its own. "
            + "Rate-limited per organisation (429 with Retry-After). 202 after Kafka acknowledged it.")
    @APIResponse(responseCode = "202", description = "Written: Kafka acknowledged it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class),
                    examples = @ExampleObject(name = "written", value = ApiExamples.ACCEPTED)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, or no body",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "malformed", value = ProblemExamples.MALFORMED)))
    @APIResponse(responseCode = "401", description = "No valid organisation credential (agency keys are refused)",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no credential", value = ProblemExamples.UNAUTHORIZED)))
    @APIResponse(responseCode = "409", description = "The eventId was accepted earlier with different content",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "eventId reused", value = ProblemExamples.CONFLICT)))
    @APIResponse(responseCode = "413", description = "Body over 64 KiB",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "too large", value = ProblemExamples.TOO_LARGE)))
    @APIResponse(responseCode = "422", description = "Fields break the contract (or set what Waspada sets); each violation names its field",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "two bad fields", value = ProblemExamples.INVALID)))
    @APIResponse(responseCode = "429", description = "Over the organisation's rate; resend after Retry-After (seconds)",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "too many", value = TipExamples.TOO_MANY)))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time; resend after Retry-After (seconds)",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "Kafka down", value = ProblemExamples.UNAVAILABLE)))
    public CompletionStage<Response> tip(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TipBody.class),
            examples = @ExampleObject(name = "hotline: workers held at a plantation", value = TipExamples.TIP)))
            InputStream stream, @Context SecurityContext caller) {
        if (!(caller instanceof CallerSecurityContext organisation)
                || organisation.kind() != CallerSecurityContext.Kind.ORGANISATION) {
            // Only the filter's organisation check admits a caller here; anything else (a path spelled another way
            // that the filter took for an agency's) is no organisation.
            return CompletableFuture.completedFuture(unauthorized());
        }
        String org = organisation.code();
        long retryAfter = rateLimit.take(org);
        if (retryAfter > 0) {
            LOG.debugf("Tip from %s refused: over its rate", org);
            return CompletableFuture.completedFuture(tooMany(retryAfter));
        }
        // Read as it arrives (a blocking endpoint's body is not buffered first), never past the limit.
        java.util.Optional<byte[]> read = BoundedBody.read(stream, MAX_BODY_BYTES);
        if (read.isEmpty()) {
            return CompletableFuture.completedFuture(tooLarge());
        }
        byte[] body = read.get();
        EventReading reading;
        try {
            reading = reader.read(body, org);
        } catch (JsonDocument.Malformed e) {
            throw JsonBody.malformed(e);
        }
        if (reading instanceof EventReading.Invalid invalid) {
            return CompletableFuture.completedFuture(Problems.response(Problems.invalid(invalid.violations())));
        }
        if (!(reading instanceof EventReading.Valid valid)) {
            return CompletableFuture.completedFuture(Problems.response(Problems.invalid(List.of())));
        }
        var event = valid.event();
        return writer.write(event).thenApply(outcome -> outcome.conflict()
                ? Problems.response(Problems.conflict(event.eventId()))
                : Response.accepted(Accepted.of(event.eventId(), outcome)).build());
    }

    /** 401 for a caller without an organisation's key (an agency's key is not one). */
    static Response unauthorized() {
        return Response.status(401).type(Problems.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"waspada-tips\"")
                .entity(Problems.problem(401, "unauthorized", "Missing or invalid credential",
                        "send Authorization: Bearer <your organisation's API key>; agency credentials are not "
                                + "accepted for tips", List.of()))
                .build();
    }

    /** 413: the tip is over {@link #MAX_BODY_BYTES}; nothing was read past the limit, nothing written. */
    static Response tooLarge() {
        return Problems.response(413, "body-too-large", "The body is too large",
                "a tip is at most " + MAX_BODY_BYTES + " bytes; nothing was written");
    }

    static Response tooMany(long retryAfterSeconds) {
        return Response.status(429).type(Problems.MEDIA_TYPE).header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .entity(Problems.problem(429, "too-many-tips", "Too many tips",
                        "this organisation's rate is used up; nothing was written; resend after " + retryAfterSeconds
                                + " s", List.of()))
                .build();
    }
}
