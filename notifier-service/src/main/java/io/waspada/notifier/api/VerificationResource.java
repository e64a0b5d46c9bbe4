package io.waspada.notifier.api;

import io.waspada.notifier.auth.Officer;
import io.waspada.notifier.officers.OfficerActions;
import io.waspada.notifier.officers.TipVerificationDecision;
import io.waspada.notifier.officers.TipVerificationDecision.Decision;
import io.waspada.notifier.officers.VerificationDesk;
import io.waspada.notifier.routing.Router;
import io.waspada.notifier.view.AlertState;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/v1/alerts/{id}/verification} (#18): the verification desk decides on an alert resting only on
 * civil-society tips. Only a lead ({@value OfficerAlertResource#LEAD}) of the desk (the task force the routing file's
 * {@code verification="required"} routes send to) may: VERIFIED routes the alert onwards as any other alert,
 * UNFOUNDED resolves it for everyone. Others are refused before the alert is looked up (403); an alert the caller
 * cannot see is a 404 like one that does not exist; one that no longer waits for the desk a 409.
 */
@Path("/api/v1/alerts/{id}/verification")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@RolesAllowed("officer")
@Tag(name = "alerts")
@SecurityRequirement(name = "officer")
public class VerificationResource {

    static final int MAX_REASON = 1000;

    /** The desk's decision and why. */
    @Schema(name = "VerificationDecision", requiredProperties = {"decision", "reason"})
    public record Body(@Schema(enumeration = {"VERIFIED", "UNFOUNDED"}) String decision,
            @Schema(maxLength = MAX_REASON, description = "Why; identifiers typed in are masked") String reason) {
    }

    @Inject
    OfficerAlerts alerts;
    @Inject
    TipVerificationDecision decisions;
    @Inject
    Router router;
    @Inject
    JsonWebToken caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The verification desk verifies a tip-only alert (routed onwards) or finds it unfounded "
            + "(resolved); role lead of the desk")
    @APIResponse(responseCode = "200", description = "Decided: the alert as the desk now sees it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertDetail.class)))
    @APIResponse(responseCode = "400", description = "The body is not JSON; field names where",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No officer token, or one not accepted; WWW-Authenticate: Bearer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "no token", value = ProblemExamples.NO_TOKEN),
                            @ExampleObject(name = "token not accepted", value = ProblemExamples.TOKEN_REFUSED)}))
    @APIResponse(responseCode = "403", description = "Not a lead of the verification desk",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such alert for the caller's task force (or above its clearance)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no alert", value = ProblemExamples.NO_ALERT)))
    @APIResponse(responseCode = "409", description = "Not awaiting verification: decided already, resolved, or an "
            + "agency's evidence joined", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "decision or reason missing or invalid; field names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The decision is written but the audit trail has not read it back "
            + "yet, so whether it was the first is not known: read the alert again (Retry-After)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response decide(@PathParam("id") String id, @RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Body.class),
            examples = @ExampleObject(name = "verified", value = """
                    {"decision": "VERIFIED", "reason": "The hotline's caller confirmed by phone; matches a 2025 case"}
                    """))) Body body) {
        Officer officer = OfficerAlerts.officer(caller);
        // Checked before the alert is looked up: the answer says nothing about whether it exists.
        if (!officer.roles().contains(OfficerAlertResource.LEAD)) {
            return Problem.forbidden("a verification decision routes the alert to every task force or closes it: role '"
                    + OfficerAlertResource.LEAD + "' of the verification desk is required");
        }
        if (!VerificationDesk.is(router, officer.taskForce())) {
            return Problem.forbidden("only the verification desk (" + String.join(", ", VerificationDesk.of(router))
                    + ") decides on tip-only alerts");
        }
        Response invalid = invalid(body);
        if (invalid != null) {
            return invalid;
        }
        Optional<AlertState> state = alerts.visible(officer, id);
        if (state.isEmpty()) {
            return Problem.notFound("no alert " + id);
        }
        OfficerActions.Outcome outcome;
        try {
            outcome = decisions.decide(officer, state.get().alert(), Decision.valueOf(body.decision()),
                    body.reason().strip());
        } catch (io.waspada.notifier.officers.TipVerificationDecision.Pending pending) {
            return Problem.unavailable(pending.getMessage());
        }
        if (!outcome.changed()) {
            return Problem.conflict("alert " + id + " is not awaiting verification"
                    + (outcome.status().verification() != null ? ": " + outcome.status().verification().decision()
                            + " already" : outcome.status().resolved() ? ": resolved" : ": an agency's evidence joined"));
        }
        AlertState now = alerts.visible(officer, id).orElse(state.get());
        return Response.ok(AlertDetail.of(now, outcome.status(), officer.taskForce(), alerts.projection(officer)))
                .build();
    }

    private static Response invalid(Body body) {
        if (body == null) {
            return unprocessable("body", "a JSON object with decision and reason");
        }
        if (body.decision() == null || !java.util.Set.of("VERIFIED", "UNFOUNDED").contains(body.decision())) {
            return unprocessable("decision", "VERIFIED or UNFOUNDED");
        }
        if (body.reason() == null || body.reason().isBlank() || body.reason().length() > MAX_REASON) {
            return unprocessable("reason", "required, at most " + MAX_REASON + " characters");
        }
        return null;
    }

    private static Response unprocessable(String field, String detail) {
        return Response.status(422).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Unprocessable content", 422, detail, field)).build();
    }
}
