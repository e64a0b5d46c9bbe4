package io.waspada.notifier.api;

import io.waspada.avro.Alert;
import io.waspada.notifier.auth.Officer;
import io.waspada.notifier.cap.CapAcknowledgement;
import io.waspada.notifier.cap.CapWriter;
import io.waspada.notifier.officers.AlertStatus;
import io.waspada.notifier.officers.AuditTrail;
import io.waspada.notifier.officers.OfficerActions;
import io.waspada.notifier.view.AlertState;
import io.waspada.notifier.view.AlertVersions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The officer API on one alert: {@code GET /api/v1/alerts/{id}} (with evidence), {@code .../history},
 * {@code .../cap}, {@code POST .../ack} (for the caller's task force) and {@code .../resolve} (for every task force:
 * role {@value #LEAD}). An alert not routed to the caller's task force, or above its clearance, answers 404, exactly
 * like one that does not exist. Every read and action is written to the audit trail first.
 */
@Path("/api/v1/alerts/{id}")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@RolesAllowed({"officer", "ops", "admin"})
@Tag(name = "alerts")
@SecurityRequirement(name = "officer")
public class OfficerAlertResource {

    /** An optional comment with an acknowledgement or a resolution. */
    @Schema(name = "Comment")
    public record Comment(@Schema(maxLength = 2000, description = "Optional") String comment) {
    }

    static final int MAX_COMMENT = 2000;
    /** The role that may resolve an alert for every task force. */
    public static final String LEAD = "lead";

    @Inject
    OfficerAlerts alerts;
    @Inject
    AuditTrail trail;
    @Inject
    io.waspada.notifier.followup.FollowUpLog followUps;
    @Inject
    OfficerActions actions;
    @Inject
    AlertVersions versions;
    @Inject
    CapWriter cap;
    @Inject
    JsonWebToken caller;
    @Inject
    io.waspada.notifier.routing.Router router;

    @GET
    @Operation(summary = "One alert with its evidence and the task force's status, acknowledgement and resolution")
    @APIResponse(responseCode = "200", description = "The alert as the caller's task force sees it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertDetail.class),
                    examples = @ExampleObject(name = "acknowledged", value = ApiExamples.ACKNOWLEDGED)))
    @APIResponse(responseCode = "401", description = "No officer token, or one not accepted; WWW-Authenticate: Bearer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "no token", value = ProblemExamples.NO_TOKEN),
                            @ExampleObject(name = "token not accepted", value = ProblemExamples.TOKEN_REFUSED)}))
    @APIResponse(responseCode = "403", description = "The token lacks the role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "role missing", value = ProblemExamples.NOT_AN_OFFICER)))
    @APIResponse(responseCode = "404", description = "No such alert for the caller's task force (or above its clearance)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no alert", value = ProblemExamples.NO_ALERT)))
    @APIResponse(responseCode = "400", description = "lang or tz is not a known language or time zone; field names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown language", value = LanguageResource.BAD_LANGUAGE)))
    public Response get(@PathParam("id") String id,
            @QueryParam("lang") @Parameter(description = "title and summary in this language (default: the record's English)",
                    schema = @Schema(enumeration = {"en", "ms", "id"})) String lang,
            @QueryParam("tz") @Parameter(description = "the summary's times in this zone (default: the officer's)",
                    schema = @Schema(enumeration = {"Asia/Kuala_Lumpur", "Asia/Jakarta", "Asia/Makassar"})) String tz) {
        Response badLanguage = AlertLanguage.problem(lang, tz);
        if (badLanguage != null) {
            return badLanguage;
        }
        return visible(id, (officer, state) -> {
            actions.viewed(officer, state.alert(), "alert");
            AlertDetail detail = AlertDetail.of(state, trail.status(id), officer.taskForce(),
                    alerts.projection(officer));
            return Response.ok(AlertLanguage.of(lang, tz, caller, router)
                    .map(l -> detail.withAlert(l.apply(detail.alert(), state.alert())))
                    .orElse(detail)).build();
        });
    }

    @GET
    @Path("/history")
    @Operation(summary = "The alert's lifecycle (audit trail), as the caller's task force may see it")
    @APIResponse(responseCode = "200", description = "Lifecycle events, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HistoryEntry[].class),
                    examples = @ExampleObject(name = "routed and acknowledged", value = ApiExamples.HISTORY)))
    @APIResponse(responseCode = "401", description = "No officer token, or one not accepted; WWW-Authenticate: Bearer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "no token", value = ProblemExamples.NO_TOKEN),
                            @ExampleObject(name = "token not accepted", value = ProblemExamples.TOKEN_REFUSED)}))
    @APIResponse(responseCode = "403", description = "The token lacks the role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "role missing", value = ProblemExamples.NOT_AN_OFFICER)))
    @APIResponse(responseCode = "404", description = "No such alert for the caller's task force (or above its clearance)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no alert", value = ProblemExamples.NO_ALERT)))
    public Response history(@PathParam("id") String id) {
        return visible(id, (officer, state) -> Response.ok(trail.history(id).stream()
                .filter(e -> followUpSeenBy(e, officer.taskForce()))
                .map(e -> HistoryEntry.of(e, officer.taskForce(), alerts.projection(officer))).toList()).build());
    }

    /**
     * A follow-up step shows only to the task forces the request concerns (the one that asked, the one it was
     * escalated to), as the request itself does; once the request is forgotten, only to the task force the step
     * names. Other events are not follow-up steps and pass.
     */
    private boolean followUpSeenBy(io.waspada.avro.AlertLifecycleEvent event, String taskForce) {
        String requestId = event.getAttributes().get(io.waspada.notifier.followup.FollowUpAudit.REQUEST);
        if (!event.getAttributes().containsKey(io.waspada.notifier.followup.FollowUpAudit.STEP) || requestId == null) {
            return true;
        }
        return followUps.get(requestId).map(r -> io.waspada.notifier.followup.FollowUps.concerns(r, taskForce))
                .orElse(taskForce != null && taskForce.equals(event.getTaskForce()));
    }

    @GET
    @Path("/cap")
    @Produces({"application/cap+xml", MediaType.APPLICATION_XML, Problem.MEDIA_TYPE})
    @Operation(summary = "The alert as an OASIS CAP 1.2 message (Alert, Update with references, or Ack)")
    @APIResponse(responseCode = "200", description = "CAP 1.2 XML",
            content = @Content(mediaType = "application/cap+xml", schema = @Schema(type = SchemaType.STRING,
                    description = "A CAP 1.2 alert document"),
                    examples = @ExampleObject(name = "an update (shortened)", value = ApiExamples.CAP)))
    @APIResponse(responseCode = "401", description = "No officer token, or one not accepted; WWW-Authenticate: Bearer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "no token", value = ProblemExamples.NO_TOKEN),
                            @ExampleObject(name = "token not accepted", value = ProblemExamples.TOKEN_REFUSED)}))
    @APIResponse(responseCode = "403", description = "The token lacks the role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "role missing", value = ProblemExamples.NOT_AN_OFFICER)))
    @APIResponse(responseCode = "404", description = "No such alert for the caller's task force (or above its clearance)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no alert", value = ProblemExamples.NO_ALERT)))
    public Response cap(@PathParam("id") String id) {
        return visible(id, (officer, state) -> {
            actions.viewed(officer, state.alert(), "cap");
            Alert current = state.alert();
            List<Alert> earlier = versions.before(id, current.getVersion());
            // The acknowledgement shown is the caller's task force's own (another's says nothing about this one).
            Optional<AlertStatus.Acknowledgement> ack = trail.status(id).acknowledgementOf(officer.taskForce());
            String xml = ack.isPresent()
                    ? cap.acknowledgement(current, earlier, new CapAcknowledgement(ack.get().by(),
                            ack.get().taskForce(), ack.get().at(), ack.get().comment()))
                    : cap.message(current, earlier);
            return Response.ok(xml, "application/cap+xml").build();
        });
    }

    @POST
    @Path("/ack")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Acknowledge the alert for the caller's task force")
    @APIResponse(responseCode = "200", description = "Acknowledged",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertDetail.class),
                    examples = @ExampleObject(name = "acknowledged", value = ApiExamples.ACKNOWLEDGED)))
    @APIResponse(responseCode = "400", description = "The comment is too long, or the body is not JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "bad body", value = ProblemExamples.BAD_SILENCE)))
    @APIResponse(responseCode = "401", description = "No officer token, or one not accepted; WWW-Authenticate: Bearer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "no token", value = ProblemExamples.NO_TOKEN),
                            @ExampleObject(name = "token not accepted", value = ProblemExamples.TOKEN_REFUSED)}))
    @APIResponse(responseCode = "403", description = "The token lacks the role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "role missing", value = ProblemExamples.NOT_AN_OFFICER)))
    @APIResponse(responseCode = "404", description = "No such alert for the caller's task force (or above its clearance)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no alert", value = ProblemExamples.NO_ALERT)))
    @APIResponse(responseCode = "409", description = "Already acknowledged for the task force, or resolved",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "already", value = ProblemExamples.ALREADY)))
    public Response acknowledge(@PathParam("id") String id, @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Comment.class),
                    examples = @ExampleObject(name = "example", value = ApiExamples.COMMENT))) Comment body) {
        return act(id, body, (officer, state) -> actions.acknowledge(officer, state.alert(), comment(body)));
    }

    @POST
    @Path("/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resolve the alert for every task force (role lead)")
    @APIResponse(responseCode = "200", description = "Resolved",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertDetail.class)))
    @APIResponse(responseCode = "400", description = "The comment is too long, or the body is not JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "bad body", value = ProblemExamples.BAD_SILENCE)))
    @APIResponse(responseCode = "401", description = "No officer token, or one not accepted; WWW-Authenticate: Bearer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "no token", value = ProblemExamples.NO_TOKEN),
                            @ExampleObject(name = "token not accepted", value = ProblemExamples.TOKEN_REFUSED)}))
    @APIResponse(responseCode = "403", description = "Not a lead, or the token lacks the officer role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "not a lead", value = ProblemExamples.NOT_LEAD),
                            @ExampleObject(name = "role missing", value = ProblemExamples.NOT_AN_OFFICER)}))
    @APIResponse(responseCode = "404", description = "No such alert for the caller's task force (or above its clearance)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no alert", value = ProblemExamples.NO_ALERT)))
    @APIResponse(responseCode = "409", description = "Already resolved",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "already", value = ProblemExamples.ALREADY)))
    public Response resolve(@PathParam("id") String id, @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Comment.class),
                    examples = @ExampleObject(name = "example", value = ApiExamples.COMMENT))) Comment body) {
        if (caller.getGroups() == null || !caller.getGroups().contains(LEAD)) {
            // Checked before the alert is looked up: the answer says nothing about whether it exists.
            return Problem.forbidden("resolving an alert closes it for every task force that has it: role '" + LEAD
                    + "' is required; acknowledge it for your task force instead");
        }
        return act(id, body, (officer, state) -> actions.resolve(officer, state.alert(), comment(body)));
    }

    private Response act(String id, Comment body, BiFunction<Officer, AlertState, OfficerActions.Outcome> action) {
        if (comment(body) != null && comment(body).length() > MAX_COMMENT) {
            return Problem.badRequest("comment", "at most " + MAX_COMMENT + " characters");
        }
        return visible(id, (officer, state) -> {
            OfficerActions.Outcome outcome = action.apply(officer, state);
            if (!outcome.changed()) {
                return Problem.conflict("alert " + id + " is already " + outcome.status().statusFor(officer.taskForce())
                        + (outcome.status().resolved() ? "" : " for " + officer.taskForce()));
            }
            return Response.ok(AlertDetail.of(state, outcome.status(), officer.taskForce(),
                    alerts.projection(officer))).build();
        });
    }

    private static String comment(Comment body) {
        return body == null || body.comment() == null || body.comment().isBlank() ? null : body.comment();
    }

    private Response visible(String id, BiFunction<Officer, AlertState, Response> then) {
        Officer officer = OfficerAlerts.officer(caller);
        Optional<AlertState> state = alerts.visible(officer, id);
        return state.map(s -> then.apply(officer, s)).orElseGet(() -> Problem.notFound("no alert " + id));
    }
}
