package io.waspada.notifier.api;

import io.waspada.notifier.audit.OperatorAudit;
import io.waspada.notifier.kafka.SilenceLog;
import io.waspada.notifier.routing.Router;
import io.waspada.notifier.routing.Silence;
import io.waspada.notifier.routing.SilenceRules;
import io.waspada.privacy.FreeTextScrubber;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Silences: {@code GET/POST /api/v1/silences}, {@code DELETE /api/v1/silences/{id}} (expires it). Ops and admins make
 * national silences (every task force; or, naming {@code taskForce}, one task force's); a task force's lead makes
 * silences for its own task force only, and sees and expires only those. Officers may not. What a silence may be is
 * {@link SilenceRules}; its comment is scrubbed of identifier-shaped values. Every creation and expiry is written to
 * the audit ({@code tip.access-audit.v1}) first, then saved on the compacted silences topic, then answered.
 */
@Path("/api/v1/silences")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@RolesAllowed({"ops", "admin", "lead"})
@Tag(name = "silences", description = "Muting alerts for a while")
@SecurityRequirement(name = "officer")
public class SilenceResource {

    /** Roles whose silences may be national. */
    static final Set<String> NATIONAL = Set.of("ops", "admin");
    static final String NATIONAL_SCOPE = "national";

    /** A new silence; {@code startsAt} defaults to now; {@code taskForce} scopes it (a lead's own by default). */
    @Schema(name = "NewSilence", requiredProperties = {"matchers", "endsAt", "comment"})
    public record NewSilence(
            @Schema(description = "Alertmanager matchers; at least one names the subject label exactly", minItems = 1)
            List<String> matchers,
            @Schema(description = "Default: now") Instant startsAt,
            @Schema(description = "In the future, at most 7 days after startsAt and after now") Instant endsAt,
            @Schema(description = "Why; identifier-shaped values are masked") String comment,
            @Schema(description = "Only this task force (a lead's own, by default); none: national (ops, admin)")
            String taskForce) {
    }

    @Inject
    SilenceLog silences;
    @Inject
    JsonWebToken caller;
    @Inject
    Clock clock;
    @Inject
    SilenceRules rules;
    @Inject
    FreeTextScrubber comments;
    @Inject
    OperatorAudit audit;
    @Inject
    Router router;

    @GET
    @Operation(summary = "The silences the caller may manage")
    @APIResponse(responseCode = "200", description = "Silences, earliest start first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Silence[].class),
                    examples = @ExampleObject(name = "one", value = ApiExamples.SILENCES)))
    @APIResponse(responseCode = "401", description = "No officer token, or one not accepted; WWW-Authenticate: Bearer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "no token", value = ProblemExamples.NO_TOKEN),
                            @ExampleObject(name = "token not accepted", value = ProblemExamples.TOKEN_REFUSED)}))
    @APIResponse(responseCode = "403", description = "The token lacks the role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "role missing", value = ProblemExamples.NEITHER_LEAD_NOR_OPS)))
    public List<Silence> list() {
        return silences.all().stream().filter(this::mayManage).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make a silence (audited before it counts)")
    @APIResponse(responseCode = "201", description = "Made",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Silence.class),
                    examples = @ExampleObject(name = "Tawau operation", value = ApiExamples.SILENCE)))
    @APIResponse(responseCode = "400", description = "A field breaks the silence rules; field names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no comment", value = ProblemExamples.BAD_SILENCE)))
    @APIResponse(responseCode = "401", description = "No officer token, or one not accepted; WWW-Authenticate: Bearer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "no token", value = ProblemExamples.NO_TOKEN),
                            @ExampleObject(name = "token not accepted", value = ProblemExamples.TOKEN_REFUSED)}))
    @APIResponse(responseCode = "403", description = "A lead naming another task force, or the token lacks the role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "another task force", value = ProblemExamples.OTHER_TASK_FORCE),
                            @ExampleObject(name = "role missing", value = ProblemExamples.NEITHER_LEAD_NOR_OPS)}))
    @APIResponse(responseCode = "503", description = "The audit cannot be written, so nothing was made; try again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "audit down", value = ProblemExamples.AUDIT_DOWN)))
    public Response create(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = NewSilence.class),
                    examples = @ExampleObject(name = "Tawau operation", value = ApiExamples.NEW_SILENCE))) NewSilence request) {
        Instant now = clock.instant();
        if (request == null) {
            return Problem.badRequest("matchers", "at least one matcher is required, e.g. subject=\"tok\"");
        }
        Instant startsAt = request.startsAt() == null ? now : request.startsAt();
        SilenceRules.Problem problem = rules.check(request.matchers(), startsAt, request.endsAt(), now);
        if (problem != null) {
            return Problem.badRequest(problem.field(), problem.detail());
        }
        if (!request.endsAt().isAfter(now)) {
            return Problem.badRequest("endsAt", "endsAt must be in the future");
        }
        if (request.comment() == null || request.comment().isBlank()) {
            return Problem.badRequest("comment", "comment is required: say why alerts are silenced");
        }
        String scope;
        if (national()) {
            scope = request.taskForce();
            if (scope != null && router.config().taskForce(scope).isEmpty()) {
                return Problem.badRequest("taskForce", "no task force '" + scope + "'");
            }
        } else {
            scope = ownTaskForce();
            if (scope == null) {
                return Problem.forbidden("a lead's silence is for the lead's task force, and the token names none");
            }
            if (request.taskForce() != null && !request.taskForce().equals(scope)) {
                return Problem.forbidden("a lead silences alerts for their own task force (" + scope + ") only");
            }
        }
        Silence silence = new Silence(UUID.randomUUID().toString(), request.matchers(), startsAt, request.endsAt(),
                caller.getName(), comments.scrub("comment", request.comment()), now, scope, null);
        try {
            audit.record(caller.getName(), ownTaskForce(), "silence.create", silence.id(),
                    scope == null ? NATIONAL_SCOPE : scope, silence.matchers() + " until " + silence.endsAt());
        } catch (OperatorAudit.AuditUnavailable e) {
            return Problem.unavailable("the audit cannot be written now, so the silence was not made; try again");
        }
        return Response.status(201).entity(silences.save(silence)).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Expire a silence now (audited first)")
    @APIResponse(responseCode = "200", description = "Expired: endsAt is now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Silence.class)))
    @APIResponse(responseCode = "401", description = "No officer token, or one not accepted; WWW-Authenticate: Bearer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "no token", value = ProblemExamples.NO_TOKEN),
                            @ExampleObject(name = "token not accepted", value = ProblemExamples.TOKEN_REFUSED)}))
    @APIResponse(responseCode = "403", description = "The token lacks the role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "role missing", value = ProblemExamples.NEITHER_LEAD_NOR_OPS)))
    @APIResponse(responseCode = "404", description = "No such silence the caller may manage",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "none", value = ProblemExamples.NO_SILENCE)))
    @APIResponse(responseCode = "503", description = "The audit cannot be written, so nothing changed; try again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "audit down", value = ProblemExamples.AUDIT_DOWN)))
    public Response expire(@PathParam("id") String id) {
        Silence silence = silences.get(id).filter(this::mayManage).orElse(null);
        if (silence == null) {
            return Problem.notFound("no silence " + id);
        }
        try {
            audit.record(caller.getName(), ownTaskForce(), "silence.expire", id,
                    silence.national() ? NATIONAL_SCOPE : silence.taskForce(), "was until " + silence.endsAt());
        } catch (OperatorAudit.AuditUnavailable e) {
            return Problem.unavailable("the audit cannot be written now, so the silence was not expired; try again");
        }
        return Response.ok(silences.save(silence.expiredAt(clock.instant(), caller.getName()))).build();
    }

    /** Ops and admins manage every silence; a lead only its own task force's (another's answers 404). */
    private boolean mayManage(Silence silence) {
        return national() || !silence.national() && silence.taskForce().equals(ownTaskForce());
    }

    private boolean national() {
        return caller.getGroups() != null && caller.getGroups().stream().anyMatch(NATIONAL::contains);
    }

    private String ownTaskForce() {
        return caller.getClaim("taskForce");
    }
}
