package io.waspada.ingest.api;

import io.waspada.avro.WatchlistEntry;
import io.waspada.ingest.api.doc.WatchlistEntryBody;
import io.waspada.ingest.domain.JsonFields;
import io.waspada.ingest.domain.WatchlistReader;
import io.waspada.ingest.kafka.EventPublisher;
import io.waspada.ingest.kafka.KafkaUnavailableException;
import io.waspada.ingest.kafka.WatchlistView;
import io.waspada.ingest.kafka.Written;
import io.waspada.topics.Topics;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Watchlist entries owned by the calling agency, on the compacted watchlist topic: PUT writes the entry,
 * DELETE a tombstone, GET lists the caller's entries (identifier scheme only: neither value nor token). Another agency's entry answers 403.
 * Changes are serialised in this instance so the ownership check and the write cannot interleave.
 */
@Path("/api/v1/watchlist")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "watchlist", description = "Identifiers an agency wants to hear about")
@SecurityRequirement(name = "agency")
public class WatchlistResource {

    private static final long WRITE_TIMEOUT_SECONDS = 30;
    /** Right after a start the view may still be reading the topic; wait this long before answering 503. */
    private static final java.time.Duration LOAD_WAIT = java.time.Duration.ofSeconds(10);

    @Inject
    WatchlistReader reader;

    @Inject
    WatchlistView view;

    @Inject
    EventPublisher publisher;

    @Inject
    IngestMetrics metrics;

    private final ReentrantLock writes = new ReentrantLock();

    /**
     * A stored entry as the API shows it: the identifier's scheme and key, never its value nor its token. Showing the
     * token would make the watchlist an oracle (put any raw passport number, read back its token, then look for it in
     * alerts); the owner knows its own entries by their id.
     */
    @Schema(name = "WatchlistEntryView", requiredProperties = {"entryId", "owningAgency", "identifier", "reason", "severity",
            "createdAt"})
    public record EntryView(String entryId, String owningAgency, IdentifierView identifier, String reason,
            @Schema(enumeration = {"LOW", "MEDIUM", "HIGH", "CRITICAL"}) String severity,
            @Schema(format = "date-time") String createdAt,
            @Schema(format = "date-time", nullable = true, description = "Null when the entry never expires") String expiresAt,
            @Schema(description = "The owner's jurisdiction flags; a hit carries them") List<FlagView> flags) {

        static EntryView of(WatchlistEntry e) {
            return new EntryView(e.getEntryId(), e.getOwningAgency(), new IdentifierView(e.getIdentifier().getScheme(),
                    e.getIdentifier().getKeyId(), e.getIdentifier().getIssuer()),
                    e.getReason(), e.getSeverity().name(), e.getCreatedAt().toString(),
                    e.getExpiresAt() == null ? null : e.getExpiresAt().toString(),
                    e.getFlags().stream().map(f -> new FlagView(f.getKind().name(), f.getJurisdiction())).toList());
        }
    }

    @Schema(name = "FlagView", requiredProperties = {"kind"})
    public record FlagView(@Schema(enumeration = {"INFORM_ONLY", "COVERT", "PROTECT_VICTIM"}) String kind,
            @Schema(nullable = true, description = "INFORM_ONLY: where nobody may act") String jurisdiction) {
    }

    @Schema(name = "IdentifierView", description = "An identifier by scheme and pseudonymisation key id only",
            requiredProperties = {"scheme", "keyId"})
    public record IdentifierView(String scheme, String keyId,
            @Schema(nullable = true, description = "Null when the entry named no issuer") String issuer) {
    }

    /** Where a change was written. */
    @Schema(name = "WatchlistChange", description = "Where the change was written",
            requiredProperties = {"entryId", "topic", "partition", "offset", "created", "removed"})
    public record Change(String entryId, @Schema(enumeration = "tip.watchlist.v1") String topic,
            @Schema(minimum = "0") int partition, @Schema(minimum = "0") long offset,
            @Schema(description = "True when no entry had this id before") boolean created,
            @Schema(description = "True for a DELETE (a tombstone)") boolean removed) {
    }

    @GET
    @APIResponse(responseCode = "200", description = "The caller's entries; identifiers by scheme only, never value nor token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EntryView[].class),
                    examples = @ExampleObject(name = "one entry", value = ApiExamples.WATCHLIST)))
    @APIResponse(responseCode = "401", description = "No valid agency credential",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no credential", value = ProblemExamples.UNAUTHORIZED)))
    @APIResponse(responseCode = "503", description = "The watchlist is still loading, or Kafka did not acknowledge in time; resend after Retry-After",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "Kafka down", value = ProblemExamples.UNAVAILABLE)))
    @Operation(summary = "The caller's watchlist entries")
    public Response list(@Context SecurityContext caller) {
        if (!view.awaitCaughtUp(LOAD_WAIT)) {
            return Problems.unavailableResponse("the watchlist is still loading");
        }
        List<EntryView> entries = view.ownedBy(agency(caller)).stream().map(EntryView::of).toList();
        return Response.ok(entries).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "Written: Kafka acknowledged it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Change.class),
                    examples = @ExampleObject(name = "created", value = ApiExamples.CHANGE)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, or no body",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "malformed", value = ProblemExamples.MALFORMED)))
    @APIResponse(responseCode = "401", description = "No valid agency credential",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no credential", value = ProblemExamples.UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "The entry belongs to another agency, or the body names another owner",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "another owner", value = ProblemExamples.NOT_OWNER), @ExampleObject(name = "another agency", value = ProblemExamples.FOREIGN_AGENCY)}))
    @APIResponse(responseCode = "413", description = "Body over the limit",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "too large", value = ProblemExamples.TOO_LARGE)))
    @APIResponse(responseCode = "415", description = "Not application/json",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not JSON", value = ProblemExamples.UNSUPPORTED_TYPE)))
    @APIResponse(responseCode = "422", description = "Fields break the contract",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "expired", value = ProblemExamples.INVALID_WATCHLIST)))
    @APIResponse(responseCode = "503", description = "The watchlist is still loading, or Kafka did not acknowledge in time; resend after Retry-After",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "Kafka down", value = ProblemExamples.UNAVAILABLE)))
    @Operation(summary = "Create or replace an entry the caller owns", description = "202 after Kafka acknowledged it.")
    public Response put(@PathParam("id") @Parameter(description = "The entry id, chosen by the owner", example = "wl-jju-4821",
            schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9._:-]{1,100}$")) String id, @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WatchlistEntryBody.class),
            examples = @ExampleObject(name = "a van on the causeway", value = ApiExamples.WATCHLIST_ENTRY))) byte[] body,
            @Context SecurityContext caller) {
        String agency = agency(caller);
        WatchlistReader.Result read = reader.read(id, JsonBody.parse(body) instanceof JsonFields fields ? fields : null,
                agency);
        if (read.claimedOwner() != null && !read.claimedOwner().equals(agency)) {
            return Problems.response(Problems.foreignAgency("owningAgency"));
        }
        if (!read.violations().isEmpty()) {
            return Problems.response(Problems.invalid(read.violations()));
        }
        return change(id, agency, read.entry());
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "202", description = "Tombstone written: Kafka acknowledged it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Change.class),
                    examples = @ExampleObject(name = "removed", value = ApiExamples.REMOVED)))
    @APIResponse(responseCode = "401", description = "No valid agency credential",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no credential", value = ProblemExamples.UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "The entry belongs to another agency",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "another owner", value = ProblemExamples.NOT_OWNER)))
    @APIResponse(responseCode = "404", description = "No such entry",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no entry", value = ProblemExamples.NO_ENTRY)))
    @APIResponse(responseCode = "503", description = "The watchlist is still loading, or Kafka did not acknowledge in time; resend after Retry-After",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "Kafka down", value = ProblemExamples.UNAVAILABLE)))
    @Operation(summary = "Remove an entry the caller owns", description = "Writes a tombstone; 202 after Kafka acknowledged it.")
    public Response delete(@PathParam("id") @Parameter(description = "The entry id", example = "wl-jju-4821",
            schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9._:-]{1,100}$")) String id, @Context SecurityContext caller) {
        return change(id, agency(caller), null);
    }

    private Response change(String id, String agency, WatchlistEntry entry) {
        if (!view.awaitCaughtUp(LOAD_WAIT)) {
            return Problems.unavailableResponse("the watchlist is still loading, so ownership cannot be checked yet");
        }
        writes.lock();
        try {
            Optional<WatchlistEntry> existing = view.get(id);
            if (existing.isPresent() && !existing.get().getOwningAgency().equals(agency)) {
                return Problems.response(403, "not-owner", "Owned by another agency",
                        "watchlist entry " + id + " belongs to another agency; only it can change the entry");
            }
            if (entry == null && existing.isEmpty()) {
                return Problems.response(404, "no-entry", "No such entry", "watchlist entry " + id + " does not exist");
            }
            Written written = publisher.send(Topics.WATCHLIST, id, entry).toCompletableFuture()
                    .get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            view.apply(id, entry, written.offset());
            metrics.count(agency, "WATCHLIST", "accepted");
            return Response.accepted(new Change(id, written.topic(), written.partition(), written.offset(),
                    entry != null && existing.isEmpty(), entry == null)).build();
        } catch (ExecutionException | TimeoutException e) {
            throw e.getCause() instanceof KafkaUnavailableException unavailable ? unavailable
                    : new KafkaUnavailableException("watchlist write not acknowledged", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while writing the watchlist", e);
        } finally {
            writes.unlock();
        }
    }

    private static String agency(SecurityContext caller) {
        return caller.getUserPrincipal().getName();
    }
}
