package io.waspada.notifier.api;

import io.waspada.notifier.delivery.DeadLetter;
import io.waspada.notifier.delivery.DeadLetterLog;
import io.waspada.notifier.delivery.WebhookDelivery;
import io.waspada.notifier.routing.Router;
import io.waspada.notifier.routing.TaskForce;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;

/**
 * Webhook dead letters: {@code GET /api/v1/dead-letters} lists them, {@code POST /api/v1/dead-letters/{id}/replay}
 * removes one and queues its exact body again with fresh retries (it comes back as a new dead letter if it fails).
 */
@Path("/api/v1/dead-letters")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@RolesAllowed({"ops", "admin"})
public class DeadLetterResource {

    @Inject
    DeadLetterLog deadLetters;
    @Inject
    WebhookDelivery webhooks;
    @Inject
    Router router;

    @GET
    public List<DeadLetter> list() {
        return deadLetters.all();
    }

    @POST
    @Path("/{id}/replay")
    public Response replay(@PathParam("id") String id) {
        Optional<DeadLetter> letter = deadLetters.get(id);
        if (letter.isEmpty()) {
            return Problem.notFound("no dead letter " + id);
        }
        Optional<TaskForce> taskForce = router.config().taskForce(letter.get().receiver())
                .filter(tf -> tf.webhook().isPresent());
        if (taskForce.isEmpty()) {
            return Problem.badRequest("receiver", "receiver " + letter.get().receiver() + " has no webhook any more");
        }
        deadLetters.remove(id);
        webhooks.send(taskForce.get(), letter.get().notificationId(), letter.get().alerts(), letter.get().body(), () -> {
        });
        return Response.accepted(letter.get()).build();
    }
}
