package io.waspada.ingest.api;

import io.waspada.avro.EventKind;
import io.waspada.ingest.api.doc.InterceptionBody;
import io.waspada.ingest.api.doc.SightingBody;
import io.waspada.ingest.domain.EventReader;
import io.waspada.ingest.domain.EventReading;
import io.waspada.ingest.domain.JsonDocument;
import io.waspada.ingest.kafka.EventWriter;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/v1/sightings} and {@code /interceptions}: one event, validated and pseudonymised, answered
 * 202 with its topic/partition/offset only after Kafka acknowledged it; 403/409/422 write nothing.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "events", description = "What agencies saw and did")
@SecurityRequirement(name = "agency")
// The answers of both operations (class-level responses apply to every operation of the class).
@APIResponse(responseCode = "202", description = "Written: Kafka acknowledged it",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class),
                examples = @ExampleObject(name = "written", value = ApiExamples.ACCEPTED)))
@APIResponse(responseCode = "400", description = "Malformed JSON, or no body",
        content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                examples = @ExampleObject(name = "malformed", value = ProblemExamples.MALFORMED)))
@APIResponse(responseCode = "401", description = "No valid agency credential",
        content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                examples = @ExampleObject(name = "no credential", value = ProblemExamples.UNAUTHORIZED)))
@APIResponse(responseCode = "403", description = "The body names another agency",
        content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                examples = @ExampleObject(name = "another agency", value = ProblemExamples.FOREIGN_AGENCY)))
@APIResponse(responseCode = "409", description = "The eventId was accepted earlier with different content",
        content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                examples = @ExampleObject(name = "eventId reused", value = ProblemExamples.CONFLICT)))
@APIResponse(responseCode = "413", description = "Body over the limit (2 MiB by default)",
        content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                examples = @ExampleObject(name = "too large", value = ProblemExamples.TOO_LARGE)))
@APIResponse(responseCode = "415", description = "Not application/json",
        content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                examples = @ExampleObject(name = "not JSON", value = ProblemExamples.UNSUPPORTED_TYPE)))
@APIResponse(responseCode = "422", description = "Fields break the contract; each violation names its field",
        content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                examples = @ExampleObject(name = "two bad fields", value = ProblemExamples.INVALID)))
@APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time, or is known to be unreachable; resend after Retry-After (seconds)",
        content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                examples = @ExampleObject(name = "Kafka down", value = ProblemExamples.UNAVAILABLE)))
public class EventResource {

    @Inject
    EventReader reader;

    @Inject
    EventWriter writer;

    @Inject
    IngestMetrics metrics;

    // Runs on the event loop: reading one event is a few microseconds and the write never blocks (EventPublisher).
    @POST
    @Path("/sightings")
    @Operation(summary = "Post one sighting", description = "202 after Kafka acknowledged it; resending the same eventId is safe.")
    public CompletionStage<Response> sighting(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SightingBody.class),
            examples = @ExampleObject(name = "victim at Bukit Kayu Hitam", value = ApiExamples.SIGHTING))) byte[] body,
            @Context SecurityContext caller) {
        return ingest(EventKind.SIGHTING, body, caller);
    }

    @POST
    @Path("/interceptions")
    @Operation(summary = "Post one interception", description = "Same contract as sightings, plus outcome, personsCount, caseReference.")
    public CompletionStage<Response> interception(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = InterceptionBody.class),
            examples = @ExampleObject(name = "rescue in Tawau", value = ApiExamples.INTERCEPTION))) byte[] body,
            @Context SecurityContext caller) {
        return ingest(EventKind.INTERCEPTION, body, caller);
    }

    private CompletionStage<Response> ingest(EventKind kind, byte[] body, SecurityContext caller) {
        String agency = caller.getUserPrincipal().getName();
        EventReading reading;
        try {
            reading = reader.read(kind, body, agency);
        } catch (JsonDocument.Malformed e) {
            throw JsonBody.malformed(e);
        }
        if (reading instanceof EventReading.Invalid invalid) {
            metrics.count(agency, kind.name(), "invalid");
            return CompletableFuture.completedFuture(Problems.response(Problems.invalid(invalid.violations())));
        }
        if (reading instanceof EventReading.ForeignAgency foreign) {
            metrics.count(agency, kind.name(), "forbidden");
            return CompletableFuture.completedFuture(Problems.response(Problems.foreignAgency(foreign.field())));
        }
        var event = ((EventReading.Valid) reading).event();
        return writer.write(event).whenComplete((outcome, error) -> metrics.count(agency, kind.name(), error != null
                ? "unavailable" : outcome.conflict() ? "conflict" : outcome.duplicate() ? "duplicate" : "accepted"))
                .thenApply(outcome -> outcome.conflict()
                        ? Problems.response(Problems.conflict(event.eventId()))
                        : Response.accepted(Accepted.of(event.eventId(), outcome)).build());
    }
}
