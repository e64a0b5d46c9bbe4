package io.waspada.notifier.api;

import io.waspada.notifier.auth.Officer;
import io.waspada.notifier.officers.AuditTrail;
import io.waspada.notifier.routing.Projection;
import io.waspada.notifier.routing.Router;
import io.waspada.notifier.routing.TaskForce;
import io.waspada.notifier.view.AlertState;
import io.waspada.notifier.view.AlertView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Isolation of the officer API: an officer sees only alerts whose latest version was routed to their own task
 * force (or escalated to it, the alert itself or one of its follow-up requests) and whose latest handling code it is
 * cleared for. Anything else, including an alert of another task force, is simply absent (the API answers 404).
 */
@ApplicationScoped
public class OfficerAlerts {

    @Inject
    AlertView view;
    @Inject
    AuditTrail trail;
    @Inject
    Router router;
    @Inject
    io.waspada.notifier.followup.FollowUpLog followUps;

    public static Officer officer(JsonWebToken jwt) {
        Set<String> groups = jwt.getGroups() == null ? Set.of() : jwt.getGroups();
        return new Officer(jwt.getName(), jwt.getClaim("taskForce"), groups);
    }

    public Optional<AlertState> visible(Officer officer, String alertId) {
        return view.get(alertId).filter(state -> visibleTo(officer, state));
    }

    /** What the officer's task force sees of an alert (its routing file's projection). */
    public Projection projection(Officer officer) {
        return officer.taskForce() == null ? Projection.FULL : router.config().taskForce(officer.taskForce())
                .map(TaskForce::projection).orElse(Projection.FULL);
    }

    public List<AlertState> all(Officer officer) {
        return view.all().stream().filter(state -> visibleTo(officer, state)).toList();
    }

    /**
     * Routed or escalated to the officer's task force, and that task force cleared for the alert's latest handling
     * code. The view's task forces already follow the latest version; escalations are read from the audit trail too
     * (one made by another instance, or before a restart); the clearance is checked here against the latest version so
     * that no path can show an alert above it.
     */
    private boolean visibleTo(Officer officer, AlertState state) {
        String taskForce = officer.taskForce();
        return taskForce != null
                && (state.routedTo(taskForce) || trail.status(state.alertId()).escalatedTo(taskForce)
                        || followUps.escalatedTo(state.alertId(), taskForce))
                && router.config().taskForce(taskForce).map(tf -> tf.clearedFor(state.alert().getHandling())).orElse(false);
    }
}
