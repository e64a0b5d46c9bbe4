package io.waspada.notifier.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waspada.avro.Alert;
import io.waspada.alerts.AlertLabels;
import io.waspada.notifier.routing.Projection;
import io.waspada.notifier.view.AlertJson;
import io.waspada.notifier.view.AlertState;
import io.waspada.notifier.view.AlertView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A notification in, its webhook body out ({@link WebhookPayload} as JSON): each alert at the version the notification
 * carries, with the task forces the view has now and the status the receiving task force has, and RESOLVED for the alerts it announces so.
 */
@ApplicationScoped
public class WebhookBodies {

    @Inject
    AlertView view;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;

    public String render(Notification notification) {
        String taskForce = notification.taskForce().id();
        Projection projection = notification.taskForce().projection();
        List<AlertJson> alerts = notification.alerts().stream()
                .map(alert -> notification.resolves(alert) ? json(alert, taskForce).withStatus(io.waspada.notifier.officers.OfficerStatus.RESOLVED)
                        : json(alert, taskForce))
                .map(alert -> alert.projectedFor(projection))
                .toList();
        Map<String, String> groupLabels = notification.groupLabels();
        if (projection != Projection.FULL && groupLabels.containsKey(AlertLabels.SUBJECT)) {
            groupLabels = new TreeMap<>(groupLabels);
            groupLabels.remove(AlertLabels.SUBJECT);
        }
        try {
            return json.writeValueAsString(new WebhookPayload(notification.id(), notification.taskForce().id(),
                    notification.status(), notification.sequence(), notification.repeat(), groupLabels,
                    clock.instant(), alerts));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private AlertJson json(Alert alert, String taskForce) {
        // The task forces and status come from the view; the alert version is the one this notification carries.
        AlertState state = view.get(alert.getAlertId())
                .map(s -> new AlertState(alert, s.taskForces(), s.mutedBy(), s.standing()))
                .orElseGet(() -> new AlertState(alert, List.of(), null, AlertState.OPEN));
        return AlertJson.of(state, taskForce);
    }
}
