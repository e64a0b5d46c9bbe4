package io.waspada.notifier.officers;

import static org.assertj.core.api.Assertions.assertThat;

import io.waspada.avro.Alert;
import io.waspada.avro.AlertLifecycleEvent;
import io.waspada.avro.Handling;
import io.waspada.avro.LifecycleAction;
import io.waspada.avro.Severity;
import io.waspada.notifier.config.RoutingConfigLoader;
import io.waspada.notifier.routing.Router;
import io.waspada.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The deadline of an alert at a task force is that of the route that sent it there (from the ROUTED events of its
 * latest version), so one alert can have different deadlines at different task forces.
 */
class RouteDeadlinesTest {

    private static final Router ROUTER = new Router(RoutingConfigLoader.parse("inline", """
            route:
              receiver: hq
              routes:
                - matchers: ['region="KEDAH"']
                  receiver: quick
                  escalation_deadlines: {HIGH: 2m}
                  continue: true
                - matchers: ['region=~"KEDAH|PERLIS"']
                  receiver: patient
                  escalation_deadlines: {HIGH: 1h}
                  continue: true
                - matchers: ['region="KEDAH"', 'severity="HIGH"']
                  receiver: quick
                  escalation_deadlines: {HIGH: 1m}
            receivers:
              - id: hq
              - id: quick
              - id: patient
            """));

    private final RouteDeadlines deadlines = new RouteDeadlines(ROUTER);

    @Test
    void eachTaskForceHasTheDeadlineOfTheRouteThatSentTheAlertThere() {
        Alert alert = alert("KEDAH");
        AlertStatus status = routedAsTheDispatcherWould(alert);
        assertThat(deadline(alert, "patient", status)).contains(Duration.ofHours(1));
        // Two routes reached 'quick': the shorter deadline counts.
        assertThat(deadline(alert, "quick", status)).contains(Duration.ofMinutes(1));
        // LOW has no deadline on any route: never.
        Alert low = alert("KEDAH");
        low.setSeverity(Severity.LOW);
        assertThat(deadline(low, "quick", status)).isEmpty();
    }

    @Test
    void theRouteOfTheLatestVersionCountsEvenAfterTheLabelsMoved() {
        Alert v1 = alert("KEDAH");
        AlertStatus status = routedAsTheDispatcherWould(v1);
        // Version 2 moved to PERLIS: 'quick' no longer matches, it keeps the alert with the route that sent v1.
        Alert v2 = alert("PERLIS");
        v2.setVersion(2);
        status = routed(status, v2, "patient", ROUTER.route(v2.getLabels(), Handling.H0).get(0).route().path());
        assertThat(deadline(v2, "quick", status)).contains(Duration.ofMinutes(1));
        assertThat(status.routes().get("patient").version()).isEqualTo(2);
    }

    @Test
    void withoutARecordedRouteTheCurrentRoutingThenTheRootDecide() {
        Alert alert = alert("KEDAH");
        AlertStatus gone = routed(AlertStatus.NEW, alert, "patient", "{}/9{region=\"GONE\"}");
        assertThat(deadline(alert, "patient", gone)).contains(Duration.ofHours(1));
        // 'hq' is reached by no route now (an escalation target, say): the root's deadlines, the service-wide ones.
        assertThat(deadline(alert, "hq", AlertStatus.NEW)).contains(Duration.ofMinutes(15));
    }

    private Optional<Duration> deadline(Alert alert, String taskForce, AlertStatus status) {
        return deadlines.of(alert, taskForce, status).map(RouteDeadlines.Reach::deadline);
    }

    private static AlertStatus routedAsTheDispatcherWould(Alert alert) {
        AlertStatus status = AlertStatus.NEW;
        for (var match : ROUTER.route(alert.getLabels(), alert.getHandling())) {
            status = routed(status, alert, match.taskForce().id(), match.route().path());
        }
        return status;
    }

    private static AlertStatus routed(AlertStatus status, Alert alert, String taskForce, String path) {
        return status.after(AlertLifecycleEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setAlertId(alert.getAlertId()).setAlertVersion(alert.getVersion()).setAction(LifecycleAction.ROUTED)
                .setAt(Instant.parse("2026-11-20T03:00:00Z")).setActor("notifier-service").setTaskForce(taskForce)
                .setChannel(null).setDetail(null).setAttributes(Map.of(AlertStatus.ROUTE, path)).build());
    }

    private static Alert alert(String region) {
        Alert alert = Fixtures.alert("A-1", Fixtures.sighting("ev-1", Fixtures.passport("tok")));
        Map<String, String> labels = new HashMap<>(alert.getLabels());
        labels.put("region", region);
        labels.put("severity", "HIGH");
        alert.setLabels(labels);
        alert.setSeverity(Severity.HIGH);
        alert.setHandling(Handling.H0);
        alert.setVersion(1);
        return alert;
    }
}
