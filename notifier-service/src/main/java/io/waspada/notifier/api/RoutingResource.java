package io.waspada.notifier.api;

import io.waspada.avro.Handling;
import io.waspada.avro.Severity;
import io.waspada.notifier.config.Durations;
import io.waspada.notifier.routing.EscalationDeadlines;
import io.waspada.notifier.routing.RouteMatch;
import io.waspada.notifier.routing.Router;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/routing/test}: labels in, the receivers reached with the route path of each out (like
 * {@code amtool config routes test}), including whether the receiver is cleared for the handling code and the
 * route's grouping, intervals and escalation deadlines.
 */
@Path("/api/v1/routing/test")
@RolesAllowed({"ops", "admin", "officer"})
@Tag(name = "routing", description = "Which task forces an alert reaches")
@SecurityRequirement(name = "officer")
public class RoutingResource {

    /** The labels to route; {@code handling} defaults to the {@code handling} label, else H0. */
    @Schema(name = "RoutingTestRequest", requiredProperties = "labels")
    public record TestRequest(@Schema(description = "Label name to value, as alerts carry them") Map<String, String> labels,
            @Schema(enumeration = {"H0", "H1", "H2", "H3"}, description = "Default: the handling label, else H0") String handling) {
    }

    /** One receiver reached; {@code escalationDeadlines} per severity, most severe first ({@code never} if none). */
    @Schema(name = "RoutingReceiver")
    public record Reached(String receiver, String name, String route, int line, boolean cleared, List<String> groupBy,
            String groupWait, String groupInterval, String repeatInterval, Map<String, String> escalationDeadlines) {
    }

    /** The answer: receivers in routing order. */
    @Schema(name = "RoutingTestResult", requiredProperties = {"handling", "receivers"})
    public record TestResult(String handling, List<Reached> receivers) {
    }

    @Inject
    Router router;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Route labels through the routing tree (like amtool config routes test)")
    @APIResponse(responseCode = "200", description = "The receivers reached, in routing order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TestResult.class),
                    examples = @ExampleObject(name = "Kedah", value = ApiExamples.ROUTING_RESULT)))
    @APIResponse(responseCode = "400", description = "No labels, or an unknown handling code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "bad handling", value = ProblemExamples.BAD_ROUTING)))
    @APIResponse(responseCode = "401", description = "No officer token, or one not accepted; WWW-Authenticate: Bearer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "no token", value = ProblemExamples.NO_TOKEN),
                            @ExampleObject(name = "token not accepted", value = ProblemExamples.TOKEN_REFUSED)}))
    @APIResponse(responseCode = "403", description = "The token lacks the role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "role missing", value = ProblemExamples.NOT_AN_OFFICER)))
    public Response test(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TestRequest.class),
                    examples = @ExampleObject(name = "Kedah", value = ApiExamples.ROUTING_TEST))) TestRequest request) {
        if (request == null || request.labels() == null) {
            return Problem.badRequest("labels", "labels is required: an object of label name to value");
        }
        String code = request.handling() != null ? request.handling() : request.labels().getOrDefault("handling", "H0");
        Handling handling;
        try {
            handling = Handling.valueOf(code);
        } catch (IllegalArgumentException e) {
            return Problem.badRequest("handling", "handling must be one of H0, H1, H2, H3, not '" + code + "'");
        }
        List<Reached> reached = router.route(request.labels(), handling).stream().map(RoutingResource::reached).toList();
        return Response.ok(new TestResult(handling.name(), reached)).build();
    }

    private static Reached reached(RouteMatch match) {
        var options = match.route().options();
        List<String> groupBy = options.groupByAll() ? List.of("...") : options.groupBy().stream().sorted().toList();
        return new Reached(match.taskForce().id(), match.taskForce().name(), match.route().path(), match.route().line(),
                match.cleared(), groupBy, Durations.format(options.groupWait()), Durations.format(options.groupInterval()),
                Durations.format(options.repeatInterval()), deadlines(options.escalationDeadlines()));
    }

    private static Map<String, String> deadlines(EscalationDeadlines deadlines) {
        Map<String, String> bySeverity = new LinkedHashMap<>();
        for (Severity severity : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
            bySeverity.put(severity.name(), deadlines.deadline(severity).map(Durations::format)
                    .orElse(EscalationDeadlines.NEVER));
        }
        return bySeverity;
    }
}
