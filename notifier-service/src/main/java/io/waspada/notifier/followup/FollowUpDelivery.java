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
 * task force's webhook; an overdue notice to the task force it was escalated to. Each delivery is audited (DELIVERED,
 * with the receiver and the notice's type) once the receiver took it.
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
    @Inject
    io.waspada.notifier.view.AlertView view;

    /** The request (again, as a reminder) to its agency's webhook, if the agency has one. */
    public void toAgency(FollowUpRequest request, boolean reminder) {
        settings.agencyReceiver(request.agency()).ifPresentOrElse(receiver -> {
            String id = "follow-up-" + request.requestId() + (!reminder ? "" : request.reminders() > 1
                    ? "-reminder-" + request.reminders() : "-reminder");
            webhooks.send(receiver, id, List.of(), body(new AgencyBody("follow-up-request", reminder,
                    request.forAgency())), () -> audit.record(request, "DELIVERED", FollowUpAudit.ACTOR, null,
                            reminder ? "reminder delivered to " + request.agency() : "delivered to " + request.agency(),
                            Map.of("channel", WebhookDelivery.CHANNEL)));
        }, () -> LOG.debugf("Agency %s has no follow-up webhook: it reads GET /api/v1/requests", request.agency()));
    }

    /**
     * The request's news ({@code type}: follow-up-answer, follow-up-overdue) to a task force's webhook, if it has one
     * and is cleared for the handling code of the alert's latest version (evidence may have raised it since the
     * request was asked): otherwise withheld, and that is audited.
     */
    public void toTaskForce(FollowUpRequest request, String taskForce, String type) {
        router.config().taskForce(taskForce).filter(tf -> tf.webhook().isPresent()).ifPresent(tf -> {
            io.waspada.avro.Handling latest = latestHandling(request);
            if (!tf.clearedFor(latest)) {
                audit.record(request, "WITHHELD", FollowUpAudit.ACTOR, tf.id(), type + " withheld: the alert is "
                        + latest + " now, above " + tf.id() + "'s clearance", Map.of("channel", WebhookDelivery.CHANNEL));
                return;
            }
            webhooks.send(tf, type + "-" + request.requestId() + (request.open() ? "-" + request.reminders() : ""),
                    List.of(), body(new TaskForceBody(type, OfficerFollowUp.of(request, clock.instant()))),
                    () -> audit.record(request, "DELIVERED", FollowUpAudit.ACTOR, tf.id(), type + " delivered to "
                            + tf.id(), Map.of("channel", WebhookDelivery.CHANNEL, "type", type)));
        });
    }

    /** The handling code of the alert's latest version this instance holds, else the one it had when asked. */
    private io.waspada.avro.Handling latestHandling(FollowUpRequest request) {
        return view.get(request.alertId()).map(state -> state.alert().getHandling())
                .orElse(io.waspada.avro.Handling.valueOf(request.handling()));
    }

    /**
     * The next task force of the asking task force's escalation chain cleared for the alert's latest handling code:
     * after the last one the request was escalated to (each reminder walks one step further), none past the end.
     */
    public java.util.Optional<TaskForce> escalationTarget(FollowUpRequest request) {
        List<String> chain = router.config().taskForce(request.taskForce()).map(TaskForce::escalation).orElse(List.of());
        int from = request.escalations().isEmpty() ? 0
                : chain.indexOf(request.escalations().get(request.escalations().size() - 1)) + 1;
        if (from == 0 && !request.escalations().isEmpty()) {
            from = chain.size(); // the chain changed under it: no further step is known
        }
        io.waspada.avro.Handling handling = latestHandling(request);
        return chain.subList(Math.min(from, chain.size()), chain.size()).stream()
                .filter(id -> !request.escalations().contains(id)).map(id -> router.config().taskForce(id))
                .flatMap(java.util.Optional::stream).filter(tf -> tf.clearedFor(handling)).findFirst();
    }

    private String body(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
