package io.waspada.notifier.followup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.followup.FollowUpRequest;
import io.waspada.notifier.delivery.WebhookDelivery;
import io.waspada.notifier.routing.Router;
import io.waspada.notifier.routing.TaskForce;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Posts follow-up requests and their outcomes with the signed webhook delivery (retries, dead letters): a request
 * (and its reminder) to the owning agency's webhook, in the agency's view only; an answer or refusal to the asking
 * task force's webhook; an overdue notice to the task force it was escalated to. Each delivery is audited.
 */
@ApplicationScoped
public class FollowUpDelivery {

    private static final Logger LOG = Logger.getLogger(FollowUpDelivery.class);

    /** The agency's webhook body. */
    public record AgencyBody(String type, boolean reminder, FollowUpRequest.AgencyView request) {
    }

    /** A task force's webhook body. */
    public record TaskForceBody(String type, OfficerFollowUp request) {
    }

    @Inject
    FollowUpSettings settings;
    @Inject
    WebhookDelivery webhooks;
    @Inject
    Router router;
    @Inject
    FollowUpAudit audit;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;

    /** The request (again, as a reminder) to its agency's webhook, if the agency has one. */
    public void toAgency(FollowUpRequest request, boolean reminder) {
        settings.agencyReceiver(request.agency()).ifPresentOrElse(receiver -> {
            String id = "follow-up-" + request.requestId() + (reminder ? "-reminder" : "");
            webhooks.send(receiver, id, List.of(), body(new AgencyBody("follow-up-request", reminder,
                    request.forAgency())), () -> audit.record(request, "DELIVERED", FollowUpAudit.ACTOR, null,
                            reminder ? "reminder delivered to " + request.agency() : "delivered to " + request.agency(),
                            Map.of("channel", WebhookDelivery.CHANNEL)));
        }, () -> LOG.debugf("Agency %s has no follow-up webhook: it reads GET /api/v1/requests", request.agency()));
    }

    /** The request's news ({@code type}: follow-up-answer, follow-up-overdue) to a task force's webhook, if it has one. */
    public void toTaskForce(FollowUpRequest request, String taskForce, String type) {
        router.config().taskForce(taskForce).filter(tf -> tf.webhook().isPresent()).ifPresent(tf -> webhooks.send(tf,
                type + "-" + request.requestId(), List.of(),
                body(new TaskForceBody(type, OfficerFollowUp.of(request, clock.instant()))), () -> { }));
    }

    /** The next task force of the asking task force's escalation chain cleared for the alert's handling code. */
    public java.util.Optional<TaskForce> escalationTarget(FollowUpRequest request) {
        List<String> chain = router.config().taskForce(request.taskForce()).map(TaskForce::escalation).orElse(List.of());
        io.waspada.avro.Handling handling = io.waspada.avro.Handling.valueOf(request.handling());
        return chain.stream().map(id -> router.config().taskForce(id)).flatMap(java.util.Optional::stream)
                .filter(tf -> tf.clearedFor(handling)).findFirst();
    }

    private String body(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
