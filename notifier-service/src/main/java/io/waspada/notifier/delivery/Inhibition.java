package io.waspada.notifier.delivery;

import io.waspada.avro.Alert;
import io.waspada.notifier.routing.InhibitRule;
import io.waspada.notifier.routing.Router;
import io.waspada.notifier.view.AlertState;
import io.waspada.notifier.view.AlertView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Applies the configured inhibition rules against the alert view: which open alert, if any, mutes a given alert.
 * Muted sources inhibit too, as in Alertmanager; an alert never inhibits itself.
 */
@ApplicationScoped
public class Inhibition {

    @Inject
    Router router;
    @Inject
    AlertView view;

    public Optional<String> inhibitor(Alert alert) {
        List<InhibitRule> rules = router.config().inhibitRules().stream()
                .filter(rule -> rule.target().matches(alert.getLabels())).toList();
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        return view.all().stream()
                .filter(s -> s.active() && !s.alertId().equals(alert.getAlertId()))
                .filter(s -> rules.stream().anyMatch(r -> r.inhibits(s.alert().getLabels(), alert.getLabels())))
                .map(AlertState::alertId)
                .findFirst();
    }
}
