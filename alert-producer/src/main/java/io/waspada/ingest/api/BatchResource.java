package io.waspada.ingest.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.waspada.avro.EventKind;
import io.waspada.ingest.api.doc.BatchBody;
import io.waspada.ingest.domain.EventReader;
import io.waspada.ingest.domain.EventReading;
import io.waspada.ingest.domain.IngestEvent;
import io.waspada.ingest.domain.JsonDocument;
import io.waspada.ingest.domain.JsonFields;
import io.waspada.ingest.domain.Violation;
import io.waspada.ingest.kafka.EventWriter;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/v1/events/batch}: up to 1,000 events, each with {@code kind}. Every valid item is sent at once
 * and the answer (200) waits for all acknowledgements; each item gets its own status (202, 403, 409, 422, 503).
 * Invalid items never reach Kafka and do not hold back the valid ones. An eventId repeated within the batch is
 * written once (later copies answer {@code duplicate: true}, or 409 with different content).
 */
@Path("/api/v1/events/batch")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "events")
@SecurityRequirement(name = "agency")
public class BatchResource {

    public static final int MAX_ITEMS = 1000;
    private static final Set<String> KINDS = io.waspada.ingest.domain.Lexicon.of("SIGHTING", "INTERCEPTION");

    @Inject
    EventReader reader;

    @Inject
    EventWriter writer;

    @Inject
    IngestMetrics metrics;

    @Inject
    ObjectMapper mapper;

    /** One item's answer: 202 with where it was written, or its problem. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "BatchItemResult", description = "202 with where the item was written, or its status and problem",
            requiredProperties = {"index", "status"})
    public record ItemResult(
            @Schema(minimum = "0", description = "The item's position in the request") int index,
            @Schema(description = "The item's eventId, when it had a readable one") String eventId,
            @Schema(description = "202, or the status of its problem: 403, 409, 422, 500, 503") int status,
            String topic, Integer partition, Long offset,
            @Schema(description = "As in a single post's answer (202 only)") Boolean duplicate,
            @Schema(description = "Why it was not written (not 202)") Problem problem) {

        static ItemResult rejected(int index, String eventId, Problem problem) {
            return new ItemResult(index, eventId, problem.status(), null, null, null, null, problem);
        }
    }

    /** The batch answer: counts and one result per item, in request order. */
    @Schema(name = "BatchResult", requiredProperties = {"accepted", "rejected", "results"})
    public record BatchResult(@Schema(minimum = "0") int accepted, @Schema(minimum = "0") int rejected,
            List<ItemResult> results) {
    }

    // A worker thread: reading 1,000 events takes tens of milliseconds, too long for an event loop.
    @POST
    @Blocking
    @APIResponse(responseCode = "200", description = "Per-item results, in request order; each item 202 or its problem "
            + "(403, 409, 422, 503). Retry-After is set when any item is 503: resend those items",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchResult.class),
                    examples = @ExampleObject(name = "one written, one refused", value = ApiExamples.BATCH_RESULT)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, or no body",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "malformed", value = ProblemExamples.MALFORMED)))
    @APIResponse(responseCode = "401", description = "No valid agency credential",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no credential", value = ProblemExamples.UNAUTHORIZED)))
    @APIResponse(responseCode = "413", description = "More than 1,000 events, or a body over the limit; nothing was written",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "too many events", value = ProblemExamples.TOO_MANY_ITEMS), @ExampleObject(name = "too large", value = ProblemExamples.TOO_LARGE)}))
    @APIResponse(responseCode = "415", description = "Not application/json",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not JSON", value = ProblemExamples.UNSUPPORTED_TYPE)))
    @APIResponse(responseCode = "422", description = "No events array",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no events", value = ProblemExamples.INVALID)))
    @Operation(summary = "Post up to 1,000 events", description = "Body: {\"events\": [...]} (or a bare array); each item has kind SIGHTING or INTERCEPTION.")
    public CompletionStage<Response> batch(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BatchBody.class),
            examples = @ExampleObject(name = "a passport at Tebedu, a van stopped in Kuching", value = ApiExamples.BATCH)))
            InputStream body, @Context SecurityContext caller, @Context HttpHeaders headers) {
        String agency = caller.getUserPrincipal().getName();
        BatchAnswering answering = new BatchAnswering(MAX_ITEMS, agency, metrics, mapper);
        EventWriter.Batch batch = writer.batch(MAX_ITEMS, answering);
        // Each item is read (and encoded) as soon as the parser has it; nothing is written before the whole body
        // proved well-formed and within the limit.
        JsonDocument.ItemsRead events;
        try {
            events = JsonDocument.items(RequestBytes.read(body, headers.getLength()), (arrayPath, index, item) -> {
                if (index < MAX_ITEMS) {
                    answering.kind(index, kindOf(item));
                    read(index, item, arrayPath, agency, answering, batch);
                }
            });
        } catch (JsonDocument.Malformed e) {
            throw JsonBody.malformed(e);
        }
        if (!events.array()) {
            return done(Problems.response(Problems.invalid(List.of(
                    new Violation("events", "required", "must be an array of events (or send a bare array)")))));
        }
        if (events.count() > MAX_ITEMS) {
            return done(Problems.response(Problems.problem(413, "too-many-items", "Too many events in one batch",
                    "at most " + MAX_ITEMS + " events per batch (got " + events.count() + "); nothing was written",
                    List.of(new Violation("events", "max-items", "must have at most " + MAX_ITEMS + " items")))));
        }
        answering.expect(events.count());
        batch.write();
        return answering.answer();
    }

    /** Reads item {@code index}: into the batch to write, or its refusal into the answers (its path is spelt out only then). */
    private void read(int index, Object element, String prefix, String agency, BatchAnswering answering,
            EventWriter.Batch batch) {
        JsonFields node = element instanceof JsonFields object ? object : null;
        Object kind = node == null ? null : node.get("kind");
        String eventId = node != null && node.get("eventId") instanceof String text ? text : null;
        if (!(kind instanceof String kindName) || !KINDS.contains(kindName)) {
            Violation violation = new Violation(path(prefix, index) + ".kind", kind == null ? "required" : "enum",
                    "must be SIGHTING or INTERCEPTION");
            answering.answered(ItemResult.rejected(index, eventId, Problems.invalid(List.of(violation))));
            return;
        }
        EventReading reading = reader.read("INTERCEPTION".equals(kindName) ? EventKind.INTERCEPTION : EventKind.SIGHTING,
                node, agency);
        if (reading instanceof EventReading.Invalid invalid) {
            String path = path(prefix, index);
            List<Violation> prefixed = invalid.violations().stream()
                    .map(v -> new Violation(prefixed(path, v.field()), v.rule(), v.message())).toList();
            answering.answered(ItemResult.rejected(index, eventId, Problems.invalid(prefixed)));
            return;
        }
        if (reading instanceof EventReading.ForeignAgency foreign) {
            answering.answered(ItemResult.rejected(index, eventId,
                    Problems.foreignAgency(path(prefix, index) + "." + foreign.field())));
            return;
        }
        IngestEvent event = ((EventReading.Valid) reading).event();
        answering.writing(index, event.eventId());
        // An eventId repeated in the batch is written once: the writer makes the repeat wait for the first write.
        batch.add(index, event);
    }

    private static String path(String prefix, int index) {
        return prefix + "[" + index + "]";
    }

    private static String kindOf(Object item) {
        return item instanceof JsonFields object && "INTERCEPTION".equals(object.get("kind")) ? "INTERCEPTION" : "SIGHTING";
    }

    private static String prefixed(String path, String field) {
        return "$".equals(field) ? path : path + "." + field;
    }

    private static CompletionStage<Response> done(Response response) {
        return CompletableFuture.completedFuture(response);
    }
}
