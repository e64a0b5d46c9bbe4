package io.waspada.notifier.api;

import io.waspada.avro.EvidenceRef;
import io.waspada.followup.FollowUpRequest;
import io.waspada.notifier.auth.Officer;
import io.waspada.notifier.followup.FollowUpAskLimit;
import io.waspada.notifier.followup.FollowUps;
import io.waspada.notifier.followup.OfficerFollowUp;
import io.waspada.notifier.officers.OfficerActions;
import io.waspada.notifier.view.AlertState;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Follow-up requests on one alert: {@code GET /api/v1/alerts/{id}/requests} lists them, {@code POST} asks the agency
 * that owns one evidence item of the alert (the owner is the evidence's agency, never the body's). The alert's own
 * visibility applies: an alert not routed to the caller's task force, or above its clearance, answers 404.
 */
@Path("/api/v1/alerts/{id}/requests")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@RolesAllowed({"officer", "ops", "admin"})
@Tag(name = "follow-up requests")
@SecurityRequirement(name = "officer")
public class FollowUpResource {

    static final int MAX_QUESTION = 2000;
    static final int MAX_REASON = 1000;

    /** What an officer asks. */
    @Schema(name = "FollowUpAsk")
    public record Ask(@Schema(description = "An eventId of the alert's evidence: its agency is asked", required = true)
            String eventId,
            @Schema(maxLength = MAX_QUESTION, required = true) String question,
            @Schema(maxLength = MAX_REASON, required = true, description = "Why it is needed") String reason,
            @Schema(enumeration = {"URGENT", "NORMAL"}, required = true) String urgency) {
    }

    @Inject
    OfficerAlerts alerts;
    @Inject
    FollowUps followUps;
    @Inject
    FollowUpAskLimit askLimit;
    @Inject
    OfficerActions actions;
    @Inject
    JsonWebToken caller;
    @Inject
    Clock clock;

    @GET
    @Operation(summary = "The follow-up requests about the alert, oldest first, with their status and answers")
    @APIResponse(responseCode = "200", description = "The requests",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OfficerFollowUp[].class)))
    @APIResponse(responseCode = "404", description = "No such alert for the caller's task force (or above its clearance)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(@PathParam("id") String id) {
        Officer officer = OfficerAlerts.officer(caller);
        Optional<AlertState> state = alerts.visible(officer, id);
        if (state.isEmpty()) {
            return Problem.notFound("no alert " + id);
        }
        actions.viewed(officer, state.get().alert(), "follow-up requests");
        return Response.ok(followUps.ofAlert(id).stream().filter(r -> FollowUps.concerns(r, officer.taskForce()))
                .map(r -> OfficerFollowUp.of(r, clock.instant())).toList()).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("officer")
    @Operation(summary = "Ask the agency that owns one evidence item of the alert for details")
    @APIResponse(responseCode = "201", description = "Asked: the request, its deadline set by its urgency",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OfficerFollowUp.class)))
    @APIResponse(responseCode = "400", description = "A field is missing, too long or not one of the alert's evidence; field names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such alert for the caller's task force (or above its clearance)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The alert has as many requests as it may have",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "The officer asked waspada.follow-up.ask.per-hour requests in the "
            + "last hour; resend after Retry-After (seconds)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response ask(@PathParam("id") String id, Ask body) {
        Response bad = invalid(body);
        if (bad != null) {
            return bad;
        }
        Officer officer = OfficerAlerts.officer(caller);
        Optional<AlertState> state = alerts.visible(officer, id);
        if (state.isEmpty()) {
            return Problem.notFound("no alert " + id);
        }
        Optional<EvidenceRef> evidence = FollowUps.evidence(state.get().alert(), body.eventId());
        if (evidence.isEmpty()) {
            return Problem.badRequest("eventId", "not an evidence item of alert " + id);
        }
        if (evidence.get().getSource() == io.waspada.avro.EventSource.TIP) {
            return Problem.badRequest("eventId", "a civil-society tip: organisations take no follow-up requests;"
                    + " ask the agency of another evidence item");
        }
        Optional<FollowUpRequest> request;
        try {
            request = askLimit.within(officer, id, () -> followUps.ask(officer, state.get().alert(), evidence.get(),
                    body.question().strip(), body.reason().strip(), FollowUpRequest.Urgency.valueOf(body.urgency())));
        } catch (FollowUpAskLimit.OverLimit over) {
            return Problem.tooManyRequests("at most " + over.perHour() + " follow-up requests an hour per officer; "
                    + "nothing was asked", over.retryAfter());
        }
        if (request.isEmpty()) {
            return Problem.conflict("alert " + id + " has " + FollowUps.MAX_PER_ALERT + " follow-up requests already");
        }
        return Response.status(201).entity(OfficerFollowUp.of(request.get(), clock.instant())).build();
    }

    private static Response invalid(Ask body) {
        if (body == null) {
            return Problem.badRequest("body", "a JSON object with eventId, question, reason and urgency");
        }
        if (body.eventId() == null || body.eventId().isBlank() || body.eventId().length() > 200) {
            return Problem.badRequest("eventId", "required: an eventId of the alert's evidence");
        }
        if (body.question() == null || body.question().isBlank() || body.question().length() > MAX_QUESTION) {
            return Problem.badRequest("question", "required, at most " + MAX_QUESTION + " characters");
        }
        if (body.reason() == null || body.reason().isBlank() || body.reason().length() > MAX_REASON) {
            return Problem.badRequest("reason", "required, at most " + MAX_REASON + " characters");
        }
        if (body.urgency() == null || !java.util.Set.of("URGENT", "NORMAL").contains(body.urgency())) {
            return Problem.badRequest("urgency", "URGENT or NORMAL");
        }
        return null;
    }
}
