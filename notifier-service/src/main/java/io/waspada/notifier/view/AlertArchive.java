package io.waspada.notifier.view;

import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.LifecycleAction;
import io.waspada.notifier.officers.AlertStatus;
import io.waspada.notifier.officers.AuditTrail;
import io.waspada.notifier.routing.RouteMatch;
import io.waspada.notifier.routing.Router;
import io.waspada.notifier.state.LocalState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Alerts that left memory (resolved longer ago than the retention), read back from the local store: the latest
 * version, the task forces it reaches by today's routing tree plus those it was escalated to (each cleared for its
 * handling code), none if its latest version was muted for everyone, and the officers' standing from the audit trail.
 */
@ApplicationScoped
public class AlertArchive {

    @Inject
    LocalState state;
    @Inject
    AuditTrail trail;
    @Inject
    Router router;

    public Optional<AlertState> lookup(String alertId) {
        List<Alert> versions = state.store().versions(alertId);
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        Alert latest = versions.get(versions.size() - 1);
        AlertStatus status = trail.status(alertId);
        Optional<AlertLifecycleEvent> muted = trail.history(alertId).stream()
                .filter(e -> e.getAlertVersion() == latest.getVersion() && e.getTaskForce() == null)
                .filter(e -> e.getAction() == LifecycleAction.SILENCED || e.getAction() == LifecycleAction.INHIBITED)
                .findFirst();
        Set<String> taskForces = new LinkedHashSet<>();
        if (muted.isEmpty()) {
            router.route(latest.getLabels(), latest.getHandling()).stream().filter(RouteMatch::cleared)
                    .forEach(match -> taskForces.add(match.taskForce().id()));
            status.escalations().stream().map(AlertStatus.Escalation::to)
                    .filter(id -> router.config().taskForce(id).map(tf -> tf.clearedFor(latest.getHandling()))
                            .orElse(false))
                    .forEach(taskForces::add);
        }
        return Optional.of(new AlertState(latest, List.copyOf(taskForces),
                muted.map(e -> e.getAction() + " (archived)").orElse(null), status.standing()));
    }
}
