package io.waspada.notifier.api;

import io.waspada.notifier.routing.Router;
import io.waspada.notifier.routing.TaskForce;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
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
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /api/v1/task-forces}: the configured task forces with their clearance, escalation chain and channels,
 * for the console and ops. Webhook secrets are never shown.
 */
@Path("/api/v1/task-forces")
@RolesAllowed({"ops", "admin", "officer"})
@Tag(name = "task forces", description = "The receivers of alerts")
@SecurityRequirement(name = "officer")
public class TaskForceResource {

    /** A task force as shown: channels by name, the webhook by URL only. */
    @Schema(name = "TaskForce", requiredProperties = {"id", "name", "handling", "escalation", "channels", "emailTo"})
    public record TaskForceView(String id, String name, List<String> handling, List<String> escalation,
            List<String> channels, @Schema(nullable = true, description = "Never the secret") String webhookUrl,
            List<String> emailTo) {
    }

    @Inject
    Router router;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The configured task forces with their clearance, escalation chain and channels")
    @APIResponse(responseCode = "200", description = "Task forces by id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskForceView[].class),
                    examples = @ExampleObject(name = "one", value = ApiExamples.TASK_FORCES)))
    @APIResponse(responseCode = "401", description = "No officer token, or one not accepted; WWW-Authenticate: Bearer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "no token", value = ProblemExamples.NO_TOKEN),
                            @ExampleObject(name = "token not accepted", value = ProblemExamples.TOKEN_REFUSED)}))
    @APIResponse(responseCode = "403", description = "The token lacks the role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "role missing", value = ProblemExamples.NOT_AN_OFFICER)))
    public List<TaskForceView> list() {
        return router.config().taskForces().values().stream()
                .sorted(Comparator.comparing(TaskForce::id))
                .map(TaskForceResource::view)
                .toList();
    }

    private static TaskForceView view(TaskForce tf) {
        List<String> channels = new java.util.ArrayList<>(List.of("websocket"));
        tf.webhook().ifPresent(w -> channels.add("webhook"));
        tf.email().ifPresent(e -> channels.add("email"));
        return new TaskForceView(tf.id(), tf.name(), tf.handling().stream().map(Enum::name).sorted().toList(),
                tf.escalation(), channels, tf.webhook().map(w -> w.url().toString()).orElse(null),
                tf.email().map(TaskForce.Email::to).orElse(List.of()));
    }
}
