package io.waspada.notifier.view;

import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.LifecycleAction;
import io.waspada.notifier.officers.AlertStatus;
import io.waspada.notifier.officers.AuditTrail;
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
 * version, the task forces its ROUTED records and escalations name (each still cleared for its handling code), none
 * if its latest version was muted for everyone, and the officers' standing from the audit trail. An alert that is not
 * resolved is never read back so (it is in memory, or not dispatched yet).
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
        if (trail.resolvedAt(alertId).isEmpty()) {
            // Not resolved, so not let go: an alert the intake has not dispatched yet (it may still be muted for
            // everyone), or none at all. Only the dispatcher's decision shows it.
            return Optional.empty();
        }
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
            // Where the dispatcher sent it (its ROUTED records) and where it was escalated, each task force still
            // cleared for the latest handling code.
            taskForces.addAll(status.routes().keySet());
            status.escalations().stream().map(AlertStatus.Escalation::to).forEach(taskForces::add);
            taskForces.removeIf(id -> !router.config().taskForce(id).map(tf -> tf.clearedFor(latest.getHandling()))
                    .orElse(false));
        }
        return Optional.of(new AlertState(latest, List.copyOf(taskForces),
                muted.map(e -> e.getAction() + " (archived)").orElse(null), status.standing()));
    }
}
