package io.waspada.notifier.api;

import io.waspada.avro.Handling;
import io.waspada.notifier.delivery.DeadLetter;
import io.waspada.notifier.delivery.DeadLetterLog;
import io.waspada.notifier.delivery.WebhookDelivery;
import io.waspada.notifier.routing.Router;
import io.waspada.notifier.routing.TaskForce;
import io.waspada.notifier.view.AlertView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Webhook dead letters: {@code GET /api/v1/dead-letters} lists them, {@code POST /api/v1/dead-letters/{id}/replay}
 * removes one and queues its exact body again with fresh retries (it comes back as a new dead letter if it fails).
 * A dead letter holds alerts' evidence: the caller sees and replays only those whose alerts' latest handling codes
 * its task force is cleared for (an alert no longer in the view counts as H3); others do not exist for it (404).
 */
@Path("/api/v1/dead-letters")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@RolesAllowed({"ops", "admin"})
@Tag(name = "dead letters", description = "Webhook notifications that failed their last try")
@SecurityRequirement(name = "officer")
public class DeadLetterResource {

    @Inject
    DeadLetterLog deadLetters;
    @Inject
    WebhookDelivery webhooks;
    @Inject
    Router router;
    @Inject
    AlertView view;
    @Inject
    JsonWebToken caller;

    @GET
    @Operation(summary = "The webhook dead letters the caller is cleared for")
    @APIResponse(responseCode = "200", description = "Dead letters",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeadLetter[].class),
                    examples = @ExampleObject(name = "one", value = ApiExamples.DEAD_LETTERS)))
    @APIResponse(responseCode = "401", description = "No officer token, or one not accepted; WWW-Authenticate: Bearer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "no token", value = ProblemExamples.NO_TOKEN),
                            @ExampleObject(name = "token not accepted", value = ProblemExamples.TOKEN_REFUSED)}))
    @APIResponse(responseCode = "403", description = "The token lacks the role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "role missing", value = ProblemExamples.NOT_OPS_ROLE)))
    public List<DeadLetter> list() {
        return deadLetters.all().stream().filter(this::cleared).toList();
    }

    /** Whether the caller's task force is cleared for the latest handling code of every alert in the letter. */
    private boolean cleared(DeadLetter letter) {
        Optional<TaskForce> own = router.config().taskForce(OfficerAlerts.officer(caller).taskForce());
        return own.isPresent() && cleared(own.get(), letter);
    }

    /** Whether the task force is cleared for the latest handling code of every alert in the letter (unknown: H3). */
    private boolean cleared(TaskForce taskForce, DeadLetter letter) {
        for (io.waspada.notifier.delivery.AlertRef alert : letter.alerts()) {
            Handling latest = view.get(alert.alertId()).map(state -> state.alert().getHandling()).orElse(Handling.H3);
            if (!taskForce.clearedFor(latest)) {
                return false;
            }
        }
        return true;
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Send a dead letter's exact body again, with fresh retries")
    @APIResponse(responseCode = "202", description = "Removed from the dead letters and queued again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeadLetter.class),
                    examples = @ExampleObject(name = "replayed", value = ApiExamples.DEAD_LETTER)))
    @APIResponse(responseCode = "400", description = "The receiver has no webhook any more",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no webhook", value = ProblemExamples.BAD_ROUTING)))
    @APIResponse(responseCode = "401", description = "No officer token, or one not accepted; WWW-Authenticate: Bearer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "no token", value = ProblemExamples.NO_TOKEN),
                            @ExampleObject(name = "token not accepted", value = ProblemExamples.TOKEN_REFUSED)}))
    @APIResponse(responseCode = "403", description = "The token lacks the role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "role missing", value = ProblemExamples.NOT_OPS_ROLE)))
    @APIResponse(responseCode = "404", description = "No such dead letter the caller is cleared for",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "none", value = ProblemExamples.NO_DEAD_LETTER)))
    @APIResponse(responseCode = "409", description = "The receiver is no longer cleared for what it carries",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not cleared", value = ProblemExamples.NOT_CLEARED)))
    public Response replay(@PathParam("id") String id) {
        Optional<DeadLetter> letter = deadLetters.get(id).filter(this::cleared);
        if (letter.isEmpty()) {
            return Problem.notFound("no dead letter " + id);
        }
        Optional<TaskForce> taskForce = router.config().taskForce(letter.get().receiver())
                .filter(tf -> tf.webhook().isPresent());
        if (taskForce.isEmpty()) {
            return Problem.badRequest("receiver", "receiver " + letter.get().receiver() + " has no webhook any more");
        }
        if (!cleared(taskForce.get(), letter.get())) {
            // The receiver itself is no longer cleared for what the letter carries (an alert raised since): the
            // letter stays, nothing is sent.
            return Problem.conflict("receiver " + taskForce.get().id() + " is no longer cleared for the latest "
                    + "handling code of every alert in dead letter " + id);
        }
        deadLetters.remove(id);
        webhooks.send(taskForce.get(), letter.get().notificationId(), letter.get().alerts(), letter.get().body(), () -> {
        });
        return Response.accepted(letter.get()).build();
    }
}
