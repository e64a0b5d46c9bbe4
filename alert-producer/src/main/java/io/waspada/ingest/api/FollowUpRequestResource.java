package io.waspada.ingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.waspada.followup.FollowUpAnswer;
import io.waspada.followup.FollowUpRequest;
import io.waspada.ingest.followup.FollowUpReplies;
import io.waspada.ingest.followup.FollowUpRequests;
import io.waspada.ingest.followup.ReplyReader;
import io.waspada.ingest.followup.RequestPage;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The agency's side of follow-up requests: the requests about its own records ({@code GET /api/v1/requests}), and its
 * answer or refusal of one. The agency is the credential's; another agency's request answers 404 like one that does
 * not exist; a closed request answers 409. A reply is on {@code tip.follow-up-answers.v1} (acks=all) before the 202.
 */
@Path("/api/v1/requests")
@Produces({MediaType.APPLICATION_JSON, Problems.MEDIA_TYPE})
@Tag(name = "follow-up requests")
public class FollowUpRequestResource {

    /** How long a call waits for the requests to be read at start before it answers 503. */
    private static final java.time.Duration LOAD_WAIT = java.time.Duration.ofSeconds(5);

    private final ReplyReader reader = new ReplyReader();

    @Inject
    FollowUpRequests requests;
    @Inject
    FollowUpReplies replies;
    private final Clock clock = Clock.systemUTC();

    @GET
    @Operation(summary = "The follow-up requests about the caller's own records, newest first, a page at a time",
            description = "Newest first (askedAt, then requestId). At most `limit` requests (default 50, at most 200); "
                    + "when there are more, the Link header's rel=\"next\" gives the next page (its opaque `cursor`). "
                    + "A request asked or closed meanwhile never shifts a page.")
    @APIResponse(responseCode = "200", description = "The page of requests, each with only the alert context needed to "
            + "answer", headers = @Header(name = "Link", description = "<the next page>; rel=\"next\", only when there "
                    + "is one", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FollowUpRequest.AgencyView[].class)))
    @APIResponse(responseCode = "401", description = "No valid agency credential", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The requests are still loading; resend after Retry-After",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "status is not OPEN or ALL, limit not from 1 to 200, or cursor not "
            + "one this service gave; violations name the field", content = @Content(mediaType = Problems.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    public Response list(@QueryParam("status") @Parameter(description = "OPEN: only requests still waiting for a reply",
            schema = @Schema(enumeration = {"OPEN", "ALL"})) String status,
            @QueryParam("limit") @Parameter(description = "Requests per page", schema = @Schema(
                    type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) String limit,
            @QueryParam("cursor") @Parameter(description = "Where the page starts: the cursor of the previous page's "
                    + "next link (opaque)", schema = @Schema(type = SchemaType.STRING, maxLength = 300)) String cursor,
            @Context SecurityContext caller) {
        List<io.waspada.ingest.domain.Violation> violations = new java.util.ArrayList<>();
        if (status != null && !List.of("OPEN", "ALL").contains(status)) {
            violations.add(new io.waspada.ingest.domain.Violation("status", "enum", "OPEN or ALL"));
        }
        RequestPage.Query page = RequestPage.query(limit, cursor);
        violations.addAll(page.violations());
        if (!violations.isEmpty()) {
            return Problems.response(Problems.invalid(violations));
        }
        if (!requests.awaitCaughtUp(LOAD_WAIT)) {
            return Problems.unavailableResponse("the follow-up requests are still loading");
        }
        RequestPage.Page found = RequestPage.of(requests.ownedBy(agency(caller), "OPEN".equals(status)), page);
        Response.ResponseBuilder ok = Response.ok(found.items().stream().map(FollowUpRequest::forAgency).toList());
        found.next().ifPresent(next -> ok.header("Link", "</api/v1/requests?"
                + (status == null ? "" : "status=" + status + "&") + "limit=" + page.limit() + "&cursor=" + next
                + ">; rel=\"next\""));
        return ok.build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One follow-up request about the caller's own records")
    @APIResponse(responseCode = "200", description = "The request", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FollowUpRequest.AgencyView.class)))
    @APIResponse(responseCode = "404", description = "No such request for the caller's agency",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid agency credential", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") String id, @Context SecurityContext caller) {
        if (!requests.awaitCaughtUp(LOAD_WAIT)) {
            return Problems.unavailableResponse("the follow-up requests are still loading");
        }
        return requests.ownedBy(agency(caller), id).map(r -> Response.ok(r.forAgency()).build())
                .orElseGet(() -> notFound(id));
    }

    @POST
    @Path("/{id}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer a follow-up request: text and optional structured fields")
    @APIResponse(responseCode = "202", description = "The answer is on its topic; the asking task force receives it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Replied.class)))
    @ReplyResponses
    @APIResponse(responseCode = "422", description = "A field breaks the rules; violations name it; nothing was written",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response answer(@PathParam("id") String id, @RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnswerBody.class))) JsonNode body,
            @Context SecurityContext caller) {
        return reply(id, caller, reader.answer(body), FollowUpAnswer.Kind.ANSWER);
    }

    @POST
    @Path("/{id}/decline")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decline a follow-up request, with the reason")
    @APIResponse(responseCode = "202", description = "The refusal is on its topic; the asking task force receives it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Replied.class)))
    @ReplyResponses
    @APIResponse(responseCode = "422", description = "The reason is missing or too long; nothing was written",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response decline(@PathParam("id") String id, @RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeclineBody.class))) JsonNode body,
            @Context SecurityContext caller) {
        return reply(id, caller, reader.decline(body), FollowUpAnswer.Kind.DECLINE);
    }

    private Response reply(String id, SecurityContext caller, ReplyReader.Read read, FollowUpAnswer.Kind kind) {
        String agency = agency(caller);
        if (!requests.awaitCaughtUp(LOAD_WAIT)) {
            return Problems.unavailableResponse("the follow-up requests are still loading");
        }
        Optional<FollowUpRequest> request = requests.ownedBy(agency, id);
        if (request.isEmpty()) {
            return notFound(id);
        }
        if (!read.violations().isEmpty()) {
            return Problems.response(Problems.invalid(read.violations()));
        }
        if (!requests.takesReply(request.get()) || !requests.claim(id)) {
            return closed(id, request.get());
        }
        boolean declined = kind == FollowUpAnswer.Kind.DECLINE;
        FollowUpAnswer reply = new FollowUpAnswer(UUID.randomUUID().toString(), id, agency, kind,
                declined ? null : read.text(), declined ? null : read.fields(), declined ? read.text() : null,
                clock.instant());
        try {
            replies.write(reply);
        } catch (ExecutionException | TimeoutException e) {
            requests.release(id);
            return Problems.unavailableResponse("the reply could not be written");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            requests.release(id);
            return Problems.unavailableResponse("interrupted");
        }
        return Response.status(202).entity(new Replied(id, reply.answerId(), kind.name())).build();
    }

    /** An answer, as documented. */
    @Schema(name = "FollowUpAnswerBody", requiredProperties = "text")
    public record AnswerBody(@Schema(maxLength = ReplyReader.MAX_TEXT, description = "The answer; identifier-shaped "
            + "values are masked before it is written") String text,
            @Schema(description = "Optional structured fields: at most 20, keys a letter then letters, digits, _ . - "
                    + "(64 at most), string values of at most 500 characters",
                    maxProperties = ReplyReader.MAX_FIELDS) java.util.Map<String, String> fields) {
    }

    /** A refusal, as documented. */
    @Schema(name = "FollowUpDeclineBody", requiredProperties = "reason")
    public record DeclineBody(@Schema(maxLength = ReplyReader.MAX_REASON) String reason) {
    }

    /** What a 202 says: the reply's id, to quote. */
    @Schema(name = "FollowUpReplied", requiredProperties = {"requestId", "answerId", "kind"})
    public record Replied(String requestId, String answerId, String kind) {
    }

    private static Response closed(String id, FollowUpRequest request) {
        return Problems.response(409, "follow-up-closed", "The request is closed",
                "request " + id + " is " + (request.open() ? "already answered" : request.status()));
    }

    private static Response notFound(String id) {
        return Problems.response(404, "no-follow-up", "No such request", "no follow-up request " + id);
    }

    private static String agency(SecurityContext caller) {
        return caller.getUserPrincipal().getName();
    }
}
