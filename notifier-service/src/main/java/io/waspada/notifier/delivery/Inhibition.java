package io.waspada.notifier.delivery;

import io.waspada.avro.Alert;
import io.waspada.notifier.routing.InhibitRule;
import io.waspada.notifier.routing.RouteMatch;
import io.waspada.notifier.routing.Router;
import io.waspada.notifier.routing.TaskForce;
import io.waspada.notifier.view.AlertState;
import io.waspada.notifier.view.AlertView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Applies the configured inhibition rules against the alert view: which open alert, if any, mutes a given alert.
 * Muted sources inhibit too, as in Alertmanager; an alert never inhibits itself. A source mutes a target only when
 * every task force the target goes to is cleared for the source's handling code: an H3 alert that only HQ may see
 * cannot silence an H1 alert meant for a border unit (which would never learn why).
 */
@ApplicationScoped
public class Inhibition {

    @Inject
    Router router;
    @Inject
    AlertView view;
    /** The audit trail, for the routes of a verified tip-only alert (#18); absent in unit tests. */
    @Inject
    io.waspada.notifier.officers.AuditTrail trail;

    public Optional<String> inhibitor(Alert alert) {
        List<InhibitRule> rules = router.config().inhibitRules().stream()
                .filter(rule -> rule.target().matches(alert.getLabels())).toList();
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        List<RouteMatch> routes = trail == null
                ? router.route(alert.getLabels(), alert.getHandling())
                : io.waspada.notifier.officers.VerificationDesk.routes(router, alert,
                        trail.status(alert.getAlertId()));
        List<TaskForce> receivers = routes.stream()
                .filter(RouteMatch::cleared).map(RouteMatch::taskForce).toList();
        if (receivers.isEmpty()) {
            return Optional.empty(); // withheld from everyone: the audit says so, not that it was inhibited
        }
        // A rule with equal labels only looks at the alerts that share the first of them (an index, not a scan).
        List<AlertState> candidates = rules.stream().allMatch(rule -> !rule.equal().isEmpty())
                ? rules.stream().flatMap(rule -> view.withLabel(rule.equal().get(0),
                        alert.getLabels().getOrDefault(rule.equal().get(0), "")).stream()).distinct().toList()
                : view.all();
        return candidates.stream()
                .filter(s -> s.active() && !s.alertId().equals(alert.getAlertId()))
                .filter(s -> receivers.stream().allMatch(force -> force.clearedFor(s.alert().getHandling())))
                .filter(s -> rules.stream().anyMatch(r -> r.inhibits(s.alert().getLabels(), alert.getLabels())))
                .map(AlertState::alertId)
                .findFirst();
    }
}
